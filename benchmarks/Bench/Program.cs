Console.Error.WriteLine("gatewayfs-bench: no benchmarks yet");
return 2;
