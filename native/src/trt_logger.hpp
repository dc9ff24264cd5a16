// A TensorRT logger that keeps warnings and errors instead of printing them, so that a failed call can carry
// TensorRT's own words in its status message.
#ifndef FACEEMBED_TRT_LOGGER_HPP
#define FACEEMBED_TRT_LOGGER_HPP

#include "status.hpp"

#include <NvInferRuntime.h>

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>

namespace fe {

class RecordingLogger final : public nvinfer1::ILogger {
public:
    RecordingLogger() = default;
    RecordingLogger(const RecordingLogger&) = delete;
    RecordingLogger& operator=(const RecordingLogger&) = delete;

    // TensorRT may log from its own threads.
    void log(Severity severity, const char* message) noexcept override;

    // The recorded lines, oldest first, as "[E] ...; [W] ...", and forgets them.
    std::string take();

private:
    // A long-lived engine logs for as long as it lives: keep the newest lines only.
    static constexpr size_t kMaxLines = 32;

    std::mutex mutex_;
    std::deque<std::string> lines_;
    size_t dropped_ = 0;
};

// FE_ERR_TENSORRT with `what` and the logger's recorded lines.
[[noreturn]] void throw_tensorrt_error(const std::string& what, RecordingLogger& logger);

}  // namespace fe

#endif
