// An assembly from outside the kit.
// base: solution
// expect: 14
// feedback: only the kit's own assemblies
#r "/usr/lib/foreign/Cheat.dll"
