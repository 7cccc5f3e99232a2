// A NuGet package: grading has no network, and the kit does not carry this one.
// base: solution
// expect: 14
// feedback: grading has no network
#r "nuget: Humanizer.Core, 2.14.1"
