// Entry point of the `course` command. The engine issue replaces this with the full command set.
Console.Error.WriteLine("course: no commands yet");
return 1;
