// 2,000 threads that never end (foreground threads keep a process alive).
// base: solution
// expect: 14
// feedback: -
for (int i = 0; i < 2000; i++) new Thread(() => Thread.Sleep(Timeout.Infinite)) { IsBackground = false }.Start();
