using ScoreSde.Hosting.Tests.Support;
using static TorchSharp.torch;

namespace ScoreSde.Hosting.Tests.Build;

/// <summary>
/// Checks build/PatchLibTorchSharp.targets: TorchSharp loads from this test project's output folder, the output
/// copy of libLibTorchSharp.so has GLIBCXX_3.4.32 marked weak, the NuGet cache copy is untouched, the patch is
/// idempotent, and the output holds one trimmed copy of libtorch.
/// </summary>
public sealed class PatchLibTorchSharpTests : IDisposable
{
    private const string PatchedVersion = "GLIBCXX_3.4.32";
    private static readonly string s_nativeDirectory =
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
    private static readonly string s_cacheCopy = Path.Combine(
        TestPaths.NuGetPackageRoot, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Conv2d_ForwardAndBackward_GradientMatchesHandComputedValue()
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(1, 1, 2, bias: true);
        using (no_grad())
        {
            conv.weight!.copy_(tensor(new float[] { 1, 2, 3, 4 }).reshape(1, 1, 2, 2));
            conv.bias!.fill_(0.5f);
        }

        // x[i, j] = 3i + j on a 3x3 grid, so the four 2x2 windows are [0 1; 3 4], [1 2; 4 5], [3 4; 6 7], [4 5; 7 8].
        var x = arange(9, dtype: ScalarType.Float32).reshape(1, 1, 3, 3).requires_grad_(true);
        var y = conv.call(x);
        // Output (0, 0) = 1*0 + 2*1 + 3*3 + 4*4 + 0.5 = 27.5.
        Assert.Equal(27.5f, y[0, 0, 0, 0].item<float>(), 5);

        var loss = y.square().sum() / 2;
        loss.backward();

        // y = [[27.5, 37.5], [57.5, 67.5]]. dL/dy = y, so dL/dw[0, 0] = sum over windows of y * top-left pixel
        // = 27.5*0 + 37.5*1 + 57.5*3 + 67.5*4 = 482.5, and dL/db = sum of y = 190.
        Assert.Equal(480f, conv.weight!.grad![0, 0, 0, 0].item<float>(), 3);
        Assert.Equal(190f, conv.bias!.grad![0].item<float>(), 3);
        // The centre pixel lies in all four windows, under w[1,1], w[1,0], w[0,1] and w[0,0]:
        // 27.5*4 + 37.5*3 + 57.5*2 + 67.5*1 = 405.
        Assert.Equal(405f, x.grad![0, 0, 1, 1].item<float>(), 3);
    }

    [Fact]
    public void OutputCopy_Glibcxx3432_IsMarkedWeak()
    {
        var needs = ElfVersionNeeds.Read(Path.Combine(s_nativeDirectory, "libLibTorchSharp.so"));

        Assert.True(needs.ContainsKey(PatchedVersion));
        Assert.Equal(ElfVersionNeeds.WeakFlag, needs[PatchedVersion] & ElfVersionNeeds.WeakFlag);
        Assert.Equal(0, needs["GLIBCXX_3.4"] & ElfVersionNeeds.WeakFlag);
    }

    [Fact]
    public void NuGetCacheCopy_Glibcxx3432_IsUnchanged()
    {
        var needs = ElfVersionNeeds.Read(s_cacheCopy);

        Assert.Equal(0, needs[PatchedVersion] & ElfVersionNeeds.WeakFlag);
    }

    [Fact]
    public void MarkElfVersionWeak_RunTwice_ChangesOneFlagOnce()
    {
        var library = _root.Combine("libLibTorchSharp.so");
        File.Copy(s_cacheCopy, library);
        var original = File.ReadAllBytes(library);
        var project = _root.WriteFile("patch.proj", $$"""
            <Project>
              <Import Project="{{Path.Combine(TestPaths.RepositoryRoot, "build", "PatchLibTorchSharp.targets")}}" />
              <Target Name="PatchTwice">
                <MarkElfVersionWeak Files="{{library}}" VersionName="{{PatchedVersion}}" />
                <Copy SourceFiles="{{library}}" DestinationFiles="{{library}}.first" />
                <MarkElfVersionWeak Files="{{library}}" VersionName="{{PatchedVersion}}" />
              </Target>
            </Project>
            """);

        var result = ProcessRunner.RunDotnet(
            ["msbuild", project, "-t:PatchTwice", "-nologo", "-nodeReuse:false"],
            _root.Path,
            environment: null,
            TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 0, result.ToString());
        var first = File.ReadAllBytes(library + ".first");
        var second = File.ReadAllBytes(library);
        Assert.Equal(first, second);
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != first[i]).ToList();
        Assert.Single(changed);
        var patched = ElfVersionNeeds.Read(library)[PatchedVersion];
        Assert.Equal(ElfVersionNeeds.WeakFlag, patched & ElfVersionNeeds.WeakFlag);
        Assert.Equal(0, ElfVersionNeeds.Read(s_cacheCopy)[PatchedVersion] & ElfVersionNeeds.WeakFlag);
    }

    [Fact]
    public void OutputFolder_HoldsOneTrimmedLibtorchForThisPlatform()
    {
        Assert.True(File.Exists(Path.Combine(s_nativeDirectory, "libtorch_cpu.so")));
        Assert.True(File.Exists(Path.Combine(s_nativeDirectory, "libc10.so")));
        string[] unused =
        [
            "libtorch_python.so", "libtorchbind_test.so", "libjitbackend_test.so", "libnnapi_backend.so",
            "libbackend_with_compiler.so", "libaoti_custom_ops.so",
        ];
        foreach (var file in unused)
        {
            Assert.False(File.Exists(Path.Combine(s_nativeDirectory, file)), $"{file} should not be copied.");
        }

        var nativeFolders = Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "runtimes"))
            .Where(d => Directory.Exists(Path.Combine(d, "native")))
            .Select(Path.GetFileName);
        Assert.Equal(["linux-x64"], nativeFolders);
        Assert.Empty(Directory.GetFiles(AppContext.BaseDirectory, "libtorch*.so", SearchOption.TopDirectoryOnly));
    }
}
