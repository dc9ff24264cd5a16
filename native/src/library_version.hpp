// The release a shared library file belongs to, read from its file name the way TensorRT's packages name them
// (libnvinfer.so.10.16.0 -> 101600). Compiled in every build so that it is tested without TensorRT.
#ifndef FACEEMBED_LIBRARY_VERSION_HPP
#define FACEEMBED_LIBRARY_VERSION_HPP

#include <cstdint>
#include <string>

namespace fe {

// major * 10000 + minor * 100 + patch from "<dir>/<name>.so.<major>.<minor>.<patch>[.<more>]"; 0 when the file name
// does not carry three version numbers (e.g. libnvinfer.so.10 of a Python wheel).
int32_t release_from_file_name(const std::string& path);

// "10.16.0" for 101600.
std::string version_text(int32_t version);

}  // namespace fe

#endif
