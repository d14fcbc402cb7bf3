// What a person typed, from the text of a Teams message activity: Teams sends HTML-ish text where
// mentions are <at>Name</at> and characters are entities (&amp;, &nbsp;, &#233;).
#pragma once

#include <string>
#include <string_view>

namespace baton::teams {

// The command in a message: the mentions addressing baton at the start are taken off, other mentions
// become "@Name", tags are dropped, entities decoded and spaces tidied.
std::string command_text(std::string_view text);

// &amp; &lt; &gt; &quot; &apos; &#39; &nbsp; and numeric entities, as the characters they stand for.
std::string decode_entities(std::string_view text);

}  // namespace baton::teams
