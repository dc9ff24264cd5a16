#include "file_io.hpp"
#include "status.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace fe {
namespace {

[[noreturn]] void io_error(const char* what, const char* action, const std::string& path, int error) {
    throw Error(FE_ERR_IO, std::string("cannot ") + action + " " + what + " '" + path + "': " + std::strerror(error));
}

// Closes the descriptor on every path out of a function.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;

    int get() const noexcept { return fd_; }
    // Closes now, reporting the error that a deferred close would hide (write-back failures surface here).
    int close() noexcept {
        const int result = ::close(fd_);
        fd_ = -1;
        return result;
    }

private:
    int fd_;
};

std::atomic<unsigned> temp_counter{0};

}  // namespace

void require_readable(const std::string& path, const char* what) {
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        io_error(what, "read", path, errno);
    }
}

std::vector<char> read_file_if_exists(const std::string& path, const char* what, bool& exists) {
    exists = false;
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT) {
            return {};
        }
        io_error(what, "read", path, errno);
    }
    exists = true;
    std::vector<char> bytes;
    char chunk[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            io_error(what, "read", path, errno);
        }
        if (n == 0) {
            return bytes;
        }
        bytes.insert(bytes.end(), chunk, chunk + n);
    }
}

void write_file_atomically(const std::string& path, const void* data, size_t size, const char* what) {
    // Unique per process and per call, so that concurrent writers never share a temporary file.
    const std::string temp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(temp_counter++);
    FileDescriptor fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd.get() < 0) {
        io_error(what, "write", temp, errno);
    }
    const char* p = static_cast<const char*>(data);
    size_t left = size;
    int error = 0;
    while (left > 0 && error == 0) {
        const ssize_t n = ::write(fd.get(), p, left);
        if (n < 0) {
            error = errno == EINTR ? 0 : errno;
            continue;
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    if (error == 0 && ::fsync(fd.get()) != 0) {
        error = errno;
    }
    if (fd.close() != 0 && error == 0) {
        error = errno;
    }
    if (error == 0 && std::rename(temp.c_str(), path.c_str()) != 0) {
        error = errno;
    }
    if (error != 0) {
        ::unlink(temp.c_str());
        io_error(what, "write", path, error);
    }
}

}  // namespace fe
