#include "status.hpp"

namespace fe {
namespace {

thread_local std::string last_message;
// Set when the message could not be stored (no memory); then fe_last_error() returns this text instead.
thread_local const char* last_fallback = nullptr;

}  // namespace

void set_last_error(const char* function, const char* message) noexcept {
    try {
        last_message.assign(function);
        last_message.append(": ");
        last_message.append(message);
        last_fallback = nullptr;
    } catch (...) {
        last_message.clear();
        last_fallback = "out of host memory while recording the error message";
    }
}

void clear_last_error() noexcept {
    last_message.clear();
    last_fallback = nullptr;
}

const char* last_error() noexcept {
    return last_fallback != nullptr ? last_fallback : last_message.c_str();
}

void invalid_argument(const std::string& message) {
    throw Error(FE_ERR_INVALID_ARGUMENT, message);
}

}  // namespace fe
