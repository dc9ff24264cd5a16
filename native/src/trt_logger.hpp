// TensorRT's warnings and errors, attributed to the call that caused them, so that a failed call carries TensorRT's
// own words in its status message, and only its own: concurrent calls on one engine neither see nor steal each
// other's lines.
//
// A LogCapture lives for the duration of one shim call on the calling thread; a RoutingLogger (the ILogger given
// to TensorRT) appends each line to the innermost LogCapture of the thread that logs it. TensorRT logs from the
// thread that called it, so the lines of a call land in that call's capture.
#ifndef FACEEMBED_TRT_LOGGER_HPP
#define FACEEMBED_TRT_LOGGER_HPP

#include "status.hpp"

#include <NvInferRuntime.h>

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>

namespace fe {

class LogCapture {
public:
    LogCapture() noexcept;
    ~LogCapture();
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    // The recorded lines, oldest first, as "[E] ...; [W] ...".
    std::string text() const;
    // May be called from any thread (a builder's logger hands lines of its worker threads to the build's capture).
    void add(std::string line) noexcept;

    // The innermost capture of the calling thread, or nullptr.
    static LogCapture* current() noexcept;

private:
    // A call that logs a lot keeps its newest lines only.
    static constexpr size_t kMaxLines = 32;

    LogCapture* outer_;
    mutable std::mutex mutex_;
    std::deque<std::string> lines_;
    size_t dropped_ = 0;
};

class RoutingLogger final : public nvinfer1::ILogger {
public:
    // `unattributed` receives the lines logged on threads without a capture; NULL drops them (a logger shared by
    // many calls cannot tell which call they belong to).
    explicit RoutingLogger(LogCapture* unattributed = nullptr) noexcept : unattributed_(unattributed) {}
    RoutingLogger(const RoutingLogger&) = delete;
    RoutingLogger& operator=(const RoutingLogger&) = delete;

    void log(Severity severity, const char* message) noexcept override;

private:
    LogCapture* unattributed_;
};

// The logger of every runtime and of the plugin library: it lives as long as the process, as the plugin library
// keeps it.
RoutingLogger& process_logger();

// FE_ERR_TENSORRT with `what` and the capture's lines.
[[noreturn]] void throw_tensorrt_error(const std::string& what, const LogCapture& capture);

}  // namespace fe

#endif
