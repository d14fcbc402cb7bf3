// Checks Teams activities (or bare Adaptive Cards), one JSON file each, with Microsoft's own Adaptive
// Cards library, as Teams' clients read them: every parse warning and validation failure is printed,
// and any makes the exit status 1. Run by the teams_cards_valid test on the cards the unit tests render.
//   node tests/tools/validate_cards.js FILE...
"use strict";
const fs = require("fs");
const path = require("path");
// The library's browser bundle: its ES module build does not load under Node.
const AC = require(path.join(__dirname, "node_modules/adaptivecards/dist/adaptivecards.js"));

let problems = 0;
let cards = 0;
for (const file of process.argv.slice(2)) {
  const payload = JSON.parse(fs.readFileSync(file, "utf8"));
  const contents = Array.isArray(payload.attachments) ? payload.attachments.map((a) => a.content) : [payload];
  for (const content of contents) {
    ++cards;
    const card = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    card.parse(content, context);
    const events = [];
    for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
    events.push(...card.validateProperties().validationEvents);
    for (const event of events) {
      console.log(`${file}: ${AC.ValidationEvent[event.event]} (${AC.ValidationPhase[event.phase]}): ${event.message}`);
      ++problems;
    }
  }
}
console.log(`validate_cards: ${cards} cards, ${problems} problems`);
process.exit(problems === 0 && cards > 0 ? 0 : 1);
