/**
 * FFM bindings (the ONNX Runtime C API, faceembed's TensorRT shim, libm's floating-point environment) and native
 * library loading: plumbing for faceembed's backends, not an API. Each package is exported only to the modules that
 * call it.
 */
module dev.faceembed.bindings {
    requires dev.faceembed.files;
    requires org.slf4j;

    exports dev.faceembed.bindings.fenv to dev.faceembed.core;
    exports dev.faceembed.bindings.loader to dev.faceembed.core, dev.faceembed.tensorrt;
    exports dev.faceembed.bindings.ort to dev.faceembed.core;
    exports dev.faceembed.bindings.trt to dev.faceembed.tensorrt;
}
