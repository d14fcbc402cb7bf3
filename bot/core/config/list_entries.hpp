// A top-level list of the config, such as members:, whose entries are read either from the tree of the
// whole file or a slice of entries at a time. yaml-cpp spends about 3.5 KiB of nodes on a member: an
// agency's 10,000 members held 36 MiB at once when loaded with the rest, more than baton keeps afterwards.
//
// Slicing reads the file once as events (no nodes) to find the line each entry starts on, then loads
// each slice of whole lines on its own and shifts its marks by the slice's first line, so errors name
// the same line and column as when the file is loaded whole. It applies to a block list ("- ..." lines)
// in a file without anchors or aliases; anything else is read from the tree, as before.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace baton::config_detail {

// Thrown when a slice does not load as the event pass found it (a %TAG directive, say): the caller
// reads the whole file as a tree instead.
class SliceMismatch : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ListEntries {
 public:
  // The list as read with the rest of the file (any YAML node: the caller checks it is a list).
  explicit ListEntries(const YAML::Node& whole);

  struct Sliced;
  // Finds `key`'s block list at the top of `yaml` and returns it with the rest of the file, the list's
  // lines left empty so that `key` reads as null there. Nothing when the list cannot be sliced; throws
  // YAML::Exception when `yaml` is not valid YAML.
  static std::optional<Sliced> slice(std::string_view yaml, std::string_view key, std::size_t per_slice);

  bool is_list() const;
  std::size_t size() const;
  YAML::Mark mark() const;  // the list's first entry, or the value's mark when it is no list

  // Calls each(entry, index) for every entry in order; `line_shift` is set to the lines to add to the
  // entry's marks meanwhile. Throws SliceMismatch (see above).
  template <class Each>
  void for_each(int& line_shift, Each&& each) const;

 private:
  ListEntries() = default;
  YAML::Node load_slice(std::size_t slice) const;

  YAML::Node whole_;
  bool sliced_ = false;
  std::string_view text_;  // the file, when sliced
  YAML::Mark mark_;
  std::size_t per_slice_ = 0;
  std::vector<int> entry_lines_;      // 0-based line of each entry's "-", then the first line after the list
  std::vector<int> entry_columns_;    // 0-based column of each entry's first character
  std::vector<std::size_t> line_at_;  // byte offset of each of entry_lines_
};

struct ListEntries::Sliced {
  ListEntries list;
  std::string rest;  // the file without the list's lines
};

template <class Each>
void ListEntries::for_each(int& line_shift, Each&& each) const {
  if (!sliced_) {
    for (std::size_t i = 0; i < whole_.size(); ++i)
      each(whole_[i], i);
    return;
  }
  struct Restore {
    int& shift;
    ~Restore() { shift = 0; }
  } restore{line_shift};
  const std::size_t entries = size();
  for (std::size_t first = 0; first < entries; first += per_slice_) {
    const YAML::Node slice = load_slice(first / per_slice_);
    line_shift = entry_lines_[first];
    for (std::size_t i = 0; i < slice.size(); ++i)
      each(slice[i], first + i);
  }
}

}  // namespace baton::config_detail
