#include "layer_profiler.hpp"

#include <cstdio>

namespace fe {

void LayerProfiler::reportLayerTime(const char* layer_name, float ms) noexcept {
    try {
        const std::string name = layer_name != nullptr ? layer_name : "";
        auto found = index_.find(name);
        if (found == index_.end()) {
            found = index_.emplace(name, layers_.size()).first;
            layers_.push_back(Layer{name, 0, 0.0});
        }
        Layer& layer = layers_[found->second];
        ++layer.calls;
        layer.total_ms += ms;
    } catch (...) {
        // Out of memory: a missing layer time is better than failing TensorRT's enqueue.
    }
}

void LayerProfiler::reset() noexcept {
    layers_.clear();
    index_.clear();
    runs_ = 0;
}

std::string LayerProfiler::json() const {
    double total = 0.0;
    for (const Layer& layer : layers_) {
        total += layer.total_ms;
    }
    auto number = [](double value) {
        char text[32];
        std::snprintf(text, sizeof text, "%.6g", value);
        return std::string(text);
    };
    std::string json = "{\"runs\":" + std::to_string(runs_) + ",\"total_ms\":" + number(total) + ",\"layers\":[";
    for (size_t i = 0; i < layers_.size(); ++i) {
        const Layer& layer = layers_[i];
        json += (i == 0 ? "{" : ",{");
        json += "\"name\":" + json_string(layer.name) + ",\"calls\":" + std::to_string(layer.calls) +
                ",\"total_ms\":" + number(layer.total_ms) +
                ",\"average_ms\":" + number(layer.total_ms / static_cast<double>(layer.calls)) +
                ",\"percent\":" + number(total > 0.0 ? 100.0 * layer.total_ms / total : 0.0) + "}";
    }
    return json + "]}";
}

std::string json_string(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04x", u);
            out += escape;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace fe
