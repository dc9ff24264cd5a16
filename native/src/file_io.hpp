// Whole-file reads and atomic writes, for ONNX models and timing caches.
#ifndef FACEEMBED_FILE_IO_HPP
#define FACEEMBED_FILE_IO_HPP

#include <cstddef>
#include <string>
#include <vector>

namespace fe {

// FE_ERR_IO naming `what` and `path` unless the file can be opened for reading.
void require_readable(const std::string& path, const char* what);

// The file's bytes; empty and `exists` false if there is no such file; FE_ERR_IO on any other failure.
std::vector<char> read_file_if_exists(const std::string& path, const char* what, bool& exists);

// Writes a temporary file next to `path`, flushes it to disk and renames it over `path`, so that readers see the
// old or the new file, never a part. FE_ERR_IO on failure, with the temporary file removed.
void write_file_atomically(const std::string& path, const void* data, size_t size, const char* what);

}  // namespace fe

#endif
