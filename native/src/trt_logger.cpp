#include "trt_logger.hpp"

namespace fe {
namespace {

thread_local LogCapture* innermost = nullptr;

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

LogCapture::LogCapture() noexcept : outer_(innermost) {
    innermost = this;
}

LogCapture::~LogCapture() {
    innermost = outer_;
}

LogCapture* LogCapture::current() noexcept {
    return innermost;
}

void LogCapture::add(std::string line) noexcept {
    try {
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

std::string LogCapture::text() const {
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
    return text;
}

void RoutingLogger::log(Severity severity, const char* message) noexcept {
    if (severity > Severity::kWARNING || message == nullptr) {
        return;
    }
    LogCapture* capture = LogCapture::current();
    if (capture == nullptr) {
        capture = unattributed_;
    }
    if (capture == nullptr) {
        return;
    }
    try {
        std::string line = std::string(severity_tag(severity)) + message;
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
            line.pop_back();
        }
        capture->add(std::move(line));
    } catch (...) {
        // As in add(): never fail TensorRT's call for a log line.
    }
}

RoutingLogger& process_logger() {
    // Never destroyed: TensorRT's plugin library may log until the process ends.
    static auto* logger = new RoutingLogger();
    return *logger;
}

void throw_tensorrt_error(const std::string& what, const LogCapture& capture) {
    const std::string log = capture.text();
    throw Error(FE_ERR_TENSORRT,
                what + (log.empty() ? " (TensorRT logged no warning or error)" : "; TensorRT: " + log));
}

}  // namespace fe
