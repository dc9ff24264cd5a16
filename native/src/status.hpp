// Errors inside the shim, the thread-local last-error message, and the exception barrier of every entry point.
#ifndef FACEEMBED_STATUS_HPP
#define FACEEMBED_STATUS_HPP

#include "faceembed_trt.h"

#include <exception>
#include <new>
#include <stdexcept>
#include <string>

namespace fe {

// An error that carries the fe_status the caller receives; what() is the message fe_last_error() returns.
class Error : public std::runtime_error {
public:
    Error(fe_status status, const std::string& message) : std::runtime_error(message), status_(status) {}
    fe_status status() const noexcept { return status_; }

private:
    fe_status status_;
};

// Records "<function>: <message>" as this thread's last error. Never throws: if the message cannot be stored, a
// fixed text says so instead.
void set_last_error(const char* function, const char* message) noexcept;
void clear_last_error() noexcept;
const char* last_error() noexcept;

// The exception barrier: runs body, clears the last error on success, and turns every exception into a status and
// a message. Every extern "C" function that returns fe_status goes through it.
template <class Body>
fe_status guarded(const char* function, Body&& body) noexcept {
    try {
        body();
        clear_last_error();
        return FE_OK;
    } catch (const Error& e) {
        set_last_error(function, e.what());
        return e.status();
    } catch (const std::bad_alloc&) {
        set_last_error(function, "out of host memory");
        return FE_ERR_OUT_OF_MEMORY;
    } catch (const std::exception& e) {
        set_last_error(function, e.what());
        return FE_ERR_INTERNAL;
    } catch (...) {
        set_last_error(function, "unknown C++ exception");
        return FE_ERR_INTERNAL;
    }
}

[[noreturn]] void invalid_argument(const std::string& message);

// Throws FE_ERR_INVALID_ARGUMENT "<name> must not be NULL" when p is NULL.
inline void require_not_null(const void* p, const char* name) {
    if (p == nullptr) {
        invalid_argument(std::string(name) + " must not be NULL");
    }
}

}  // namespace fe

#endif
