#include "library_version.hpp"

#include <cctype>

namespace fe {

int32_t release_from_file_name(const std::string& path) {
    const size_t slash = path.rfind('/');
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const size_t so = name.find(".so.");
    if (so == std::string::npos) {
        return 0;
    }
    int32_t parts[3] = {0, 0, 0};
    size_t position = so + 4;
    for (int i = 0; i < 3; ++i) {
        size_t end = position;
        while (end < name.size() && std::isdigit(static_cast<unsigned char>(name[end])) != 0) {
            ++end;
        }
        const size_t digits = end - position;
        // The patch may be the last part; the others must be followed by a dot.
        if (digits == 0 || digits > 4 || (i < 2 && (end >= name.size() || name[end] != '.')) ||
            (i == 2 && end < name.size() && name[end] != '.')) {
            return 0;
        }
        parts[i] = std::stoi(name.substr(position, digits));
        position = end + 1;
    }
    if (parts[1] > 99 || parts[2] > 99) {
        return 0;
    }
    return parts[0] * 10000 + parts[1] * 100 + parts[2];
}

std::string version_text(int32_t version) {
    return std::to_string(version / 10000) + "." + std::to_string(version / 100 % 100) + "." +
           std::to_string(version % 100);
}

}  // namespace fe
