using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace ScoreSde.Pipeline.Tests.Support;

/// <summary>The built score-sde executable run as a child process, with its output captured.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CliProcess(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(TinyRun.CliDirectory, "score-sde"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("score-sde did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Gets everything the process wrote so far, standard output and error interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts score-sde with the arguments.</summary>
    /// <param name="arguments">Command-line arguments.</param>
    /// <returns>The running process.</returns>
    public static CliProcess Start(params string[] arguments) => new(arguments);

    /// <summary>Runs score-sde to its end, waiting at most 10 minutes.</summary>
    /// <param name="arguments">Command-line arguments.</param>
    /// <returns>The exit code and the output.</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        // The limit only keeps a hung process from blocking the suite: a tiny run takes seconds on an idle machine,
        // but minutes on 2 cores shared with parallel builds.
        using var process = Start(arguments);
        var exitCode = await process.WaitAsync(TimeSpan.FromMinutes(10));
        return (exitCode, process.Output);
    }

    /// <summary>Waits until the process exits.</summary>
    /// <param name="timeout">Longest wait.</param>
    /// <returns>The exit code.</returns>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"score-sde did not exit within {timeout}. Output:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends a POSIX signal to the process.</summary>
    /// <param name="signal">Signal number, e.g. 9 (SIGKILL) or 15 (SIGTERM).</param>
    public void Signal(int signal) => Assert.Equal(0, Kill(_process.Id, signal));

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(_process.HasExited, $"score-sde exited before {what}. Output:\n{Output}");
            Assert.True(clock.Elapsed < timeout, $"Timed out waiting for {what}. Output:\n{Output}");
            await Task.Delay(20);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
