// MongoDB store (issue 9) — work in progress by the MongoDB store engineer.
// Implements the same Store port as src/store/sqlite/ with mongoose.
export {};
