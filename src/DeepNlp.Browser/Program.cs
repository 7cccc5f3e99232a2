// The browser host's entry point: nothing to do at start; the worker (wwwroot/worker.js) calls LiveEngine's exports.
return;
