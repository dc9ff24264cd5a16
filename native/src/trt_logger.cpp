#include "trt_logger.hpp"

namespace fe {
namespace {

const char* severity_tag(nvinfer1::ILogger::Severity severity) {
    switch (severity) {
    case nvinfer1::ILogger::Severity::kINTERNAL_ERROR:
        return "[F] ";
    case nvinfer1::ILogger::Severity::kERROR:
        return "[E] ";
    case nvinfer1::ILogger::Severity::kWARNING:
        return "[W] ";
    default:
        return "[I] ";
    }
}

}  // namespace

void RecordingLogger::log(Severity severity, const char* message) noexcept {
    if (severity > Severity::kWARNING || message == nullptr) {
        return;
    }
    try {
        std::string line = std::string(severity_tag(severity)) + message;
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
            line.pop_back();
        }
        std::lock_guard<std::mutex> lock(mutex_);
        if (lines_.size() == kMaxLines) {
            lines_.pop_front();
            ++dropped_;
        }
        lines_.push_back(std::move(line));
    } catch (...) {
        // Out of memory while logging: losing a log line is better than failing TensorRT's call.
    }
}

std::string RecordingLogger::take() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string text;
    if (dropped_ > 0) {
        text = "(" + std::to_string(dropped_) + " earlier lines dropped)";
    }
    for (const std::string& line : lines_) {
        if (!text.empty()) {
            text += "; ";
        }
        text += line;
    }
    lines_.clear();
    dropped_ = 0;
    return text;
}

void throw_tensorrt_error(const std::string& what, RecordingLogger& logger) {
    const std::string log = logger.take();
    throw Error(FE_ERR_TENSORRT,
                what + (log.empty() ? " (TensorRT logged no warning or error)" : "; TensorRT: " + log));
}

}  // namespace fe
