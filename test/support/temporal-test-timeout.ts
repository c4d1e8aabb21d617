// Tests against a Temporal server bundle workflow code (a few seconds per worker,
// far more when the suite's other workers share the CPU) and wait on real round
// trips, so jest's 5 s default is too tight. A test that hangs still ends here.
jest.setTimeout(180_000);
