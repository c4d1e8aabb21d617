// Tests against a Temporal server bundle workflow code (a few seconds per worker)
// and wait on real round trips, so jest's 5 s default is too tight.
jest.setTimeout(60_000);
