using System.Runtime.InteropServices;
using ScoreSde.Benchmarks;

var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("Usage: ScoreSde.Benchmarks NAME [options] [--out FILE]");
    Console.WriteLine("Runs one benchmark and appends its figures (Markdown) to FILE, default benchmarks/results.md.");
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"  {b.Name,-20} {b.Description}");
    }

    return args.Length == 0 ? 2 : 0;
}

var benchmark = benchmarks.FirstOrDefault(b => b.Name == args[0]);
if (benchmark is null)
{
    Console.Error.WriteLine(
        $"Unknown benchmark '{args[0]}'. Known: {string.Join(", ", benchmarks.Select(b => b.Name))}.");
    return 2;
}

var rest = args.Skip(1).ToList();
var output = "benchmarks/results.md";
var outIndex = rest.IndexOf("--out");
if (outIndex >= 0 && outIndex + 1 < rest.Count)
{
    output = rest[outIndex + 1];
    rest.RemoveRange(outIndex, 2);
}

var section = benchmark.Run(rest);
var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, " +
    $".NET {Environment.Version}, TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}";
var text = $"## {benchmark.Name} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n\nMachine: {machine}.\n" +
    $"Command: `dotnet run -c Release --project hosts/ScoreSde.Benchmarks -- {string.Join(' ', args)}`\n\n{section}\n";
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
File.AppendAllText(output, text);
Console.WriteLine(text);
return 0;
