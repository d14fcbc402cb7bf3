#include "bot/core/config/list_entries.hpp"

#include <algorithm>
#include <istream>
#include <streambuf>
#include <utility>

#include <yaml-cpp/eventhandler.h>

namespace baton::config_detail {

namespace {

// An istream over text it does not copy.
class TextBuffer : public std::streambuf {
 public:
  explicit TextBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // NOLINT(cppcoreguidelines-pro-type-const-cast): read only
    setg(begin, begin, begin + text.size());
  }
};

// Follows the events of the file's first document to find where `key`'s entries start. Only the
// nesting is kept, never a node.
class EntryFinder : public YAML::EventHandler {
 public:
  explicit EntryFinder(std::string_view key) : key_(key) {}

  bool usable = true;    // false once something makes slicing unsafe
  bool found = false;    // the key was seen with a block list as its value
  YAML::Mark list_mark;  // the list's own mark (its first "-")
  std::vector<YAML::Mark> entries;
  std::optional<int> end_line;  // the line of the first event after the list, if any

  void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { node(mark, anchor, nullptr); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override {
    usable = false;  // an alias may name an anchor in another slice
    node(mark, 0, nullptr);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                const std::string& value) override {
    node(mark, anchor, &value);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    const bool list = value_of_key();
    node(mark, anchor, nullptr);
    if (list) {
      if (found || style != YAML::EmitterStyle::Block) {
        usable = false;  // the key twice, or a [flow, list] whose entries may share lines
      } else {
        found = true;
        list_mark = mark;
        list_depth_ = frames_.size() + 1;
      }
    }
    frames_.push_back({false, 0});
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    if (value_of_key()) usable = false;  // the key holds a map: the caller reports it from the tree
    node(mark, anchor, nullptr);
    frames_.push_back({true, 0});
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    bool map;
    std::size_t children;
  };

  // Whether the node about to start is the value of `key` in the top-level map.
  bool value_of_key() const {
    return frames_.size() == 1 && frames_[0].map && frames_[0].children % 2 == 1 && last_key_ == key_;
  }

  void node(const YAML::Mark& mark, YAML::anchor_t anchor, const std::string* scalar) {
    if (anchor != 0) usable = false;
    if (list_ended_ && !end_line) end_line = mark.line;
    if (frames_.size() == 1 && frames_[0].map && frames_[0].children % 2 == 0)
      last_key_ = scalar != nullptr ? *scalar : std::string();
    if (list_depth_ != 0 && frames_.size() == list_depth_) entries.push_back(mark);
    if (!frames_.empty()) ++frames_.back().children;
  }

  void close() {
    if (list_depth_ != 0 && frames_.size() == list_depth_) {
      list_depth_ = 0;
      list_ended_ = true;
    }
    frames_.pop_back();
  }

  std::string_view key_;
  std::vector<Frame> frames_;
  std::string last_key_;
  std::size_t list_depth_ = 0;  // frames_.size() inside the list, 0 outside it
  bool list_ended_ = false;
};

// The byte offset where each 0-based line starts, for the lines asked (ascending).
std::vector<std::size_t> line_offsets(std::string_view text, const std::vector<int>& lines) {
  std::vector<std::size_t> out;
  out.reserve(lines.size());
  std::size_t offset = 0;
  int line = 0;
  for (const int wanted : lines) {
    while (line < wanted && offset != std::string_view::npos) {
      offset = text.find('\n', offset);
      if (offset != std::string_view::npos) ++offset;
      ++line;
    }
    out.push_back(offset == std::string_view::npos ? text.size() : offset);
  }
  return out;
}

// "  - " before an entry's first character: the entry's "-" is on its line, after indentation only.
bool dash_line(std::string_view prefix) {
  std::size_t i = prefix.find_first_not_of(' ');
  if (i == std::string_view::npos || prefix[i] != '-' || i + 1 == prefix.size()) return false;
  return prefix.find_first_not_of(" \t", i + 1) == std::string_view::npos;
}

}  // namespace

ListEntries::ListEntries(const YAML::Node& whole) : whole_(whole) {}

std::optional<ListEntries::Sliced> ListEntries::slice(std::string_view yaml, std::string_view key,
                                                      std::size_t per_slice) {
  // A byte-order mark of UTF-16 or UTF-32 changes what a line's bytes are; yaml-cpp reads those files
  // whole.
  if (!yaml.empty() && (yaml[0] == '\0' || static_cast<unsigned char>(yaml[0]) >= 0xFE)) return std::nullopt;
  if (yaml.find('\r') != std::string_view::npos) return std::nullopt;  // lines end with "\n" only
  EntryFinder finder(key);
  {
    TextBuffer buffer(yaml);
    std::istream in(&buffer);
    YAML::Parser parser(in);
    parser.HandleNextDocument(finder);
  }
  if (!finder.usable || !finder.found || finder.entries.empty() || per_slice == 0) return std::nullopt;

  ListEntries list;
  list.sliced_ = true;
  list.text_ = yaml;
  list.mark_ = finder.list_mark;
  list.per_slice_ = per_slice;
  for (const YAML::Mark& entry : finder.entries) {
    list.entry_lines_.push_back(entry.line);
    list.entry_columns_.push_back(entry.column);
  }
  const int total_lines = static_cast<int>(std::count(yaml.begin(), yaml.end(), '\n')) + 1;
  list.entry_lines_.push_back(finder.end_line.value_or(total_lines));
  list.line_at_ = line_offsets(yaml, list.entry_lines_);
  for (std::size_t i = 0; i < finder.entries.size(); ++i) {
    const std::size_t start = list.line_at_[i];
    const auto column = static_cast<std::size_t>(finder.entries[i].column);
    // Two entries on one line ("- - a"), or an entry below its "-": slices of lines would split them.
    if (i > 0 && list.entry_lines_[i] == list.entry_lines_[i - 1]) return std::nullopt;
    if (start + column > yaml.size() || !dash_line(yaml.substr(start, column))) return std::nullopt;
  }

  // The list's lines stay as empty lines, so that the rest keeps its line numbers.
  const std::size_t from = list.line_at_.front();
  const std::size_t to = list.line_at_.back();
  const auto list_lines = static_cast<std::size_t>(list.entry_lines_.back() - list.entry_lines_.front());
  Sliced out{std::move(list), {}};
  out.rest.reserve(from + list_lines + (yaml.size() - to));
  out.rest.append(yaml.substr(0, from)).append(list_lines, '\n').append(yaml.substr(to));
  return out;
}

bool ListEntries::is_list() const {
  return sliced_ || whole_.IsSequence();
}

std::size_t ListEntries::size() const {
  return sliced_ ? entry_lines_.size() - 1 : whole_.size();
}

YAML::Mark ListEntries::mark() const {
  return sliced_ ? mark_ : whole_.Mark();
}

YAML::Node ListEntries::load_slice(std::size_t slice) const {
  const std::size_t first = slice * per_slice_;
  const std::size_t last = std::min(first + per_slice_, size());
  const std::string_view lines = text_.substr(line_at_[first], line_at_[last] - line_at_[first]);
  YAML::Node node;
  try {
    TextBuffer buffer(lines);
    std::istream in(&buffer);
    node = YAML::Load(in);
  } catch (const YAML::Exception& e) {
    throw SliceMismatch(e.what());
  }
  if (!node.IsSequence() || node.size() != last - first)
    throw SliceMismatch("a slice of the list did not read as its entries");
  // Each entry must start where the event pass found it, or the shifted marks would be wrong.
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Mark mark = node[i].Mark();
    if (mark.line + entry_lines_[first] != entry_lines_[first + i] ||
        mark.column != entry_columns_[first + i])
      throw SliceMismatch("an entry of the list read at another place");
  }
  return node;
}

}  // namespace baton::config_detail
