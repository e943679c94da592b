using System.Reflection;
using ScoreSde.Pipeline.Runs;
using TorchSharp;

namespace ScoreSde.Pipeline.Tests;

/// <summary>
/// The build replaces TorchSharp.dll with a copy that keeps native-call arguments alive (build/TorchSharpKeepAlive).
/// Without it, an implicit Scalar such as the 2.0 in <c>x * 2.0</c> can be finalized while libtorch reads it.
/// </summary>
public sealed class TorchSharpKeepAliveTests
{
    [Fact]
    public void LoadedTorchSharp_IsTheRewrittenCopy()
    {
        Assert.True(
            TorchRuntime.KeepsArgumentsAlive,
            $"{typeof(torch.Tensor).Assembly.Location} lacks the {TorchRuntime.KeepAliveMarkerKey} marker");
    }

    [Theory]
    [InlineData("mul", new[] { typeof(Scalar) })]
    [InlineData("add", new[] { typeof(torch.Tensor), typeof(Scalar) })]
    [InlineData("add", new[] { typeof(torch.Tensor) })]
    public void TensorMethod_CallsGcKeepAlive(string name, Type[] parameters)
    {
        var method = typeof(torch.Tensor).GetMethod(name, parameters)!;

        // add(Tensor) only forwards to add(Tensor, Scalar) with alpha = 1, which does the native call.
        var target = CallsNativeCode(method) ? method : typeof(torch.Tensor).GetMethod(name, [typeof(torch.Tensor), typeof(Scalar)])!;

        Assert.Contains(CalledMethods(target), callee => callee.DeclaringType == typeof(GC) && callee.Name == nameof(GC.KeepAlive));
    }

    private static bool CallsNativeCode(MethodInfo method) =>
        CalledMethods(method).Any(callee => callee.Attributes.HasFlag(MethodAttributes.PinvokeImpl));

    private static List<MethodBase> CalledMethods(MethodInfo method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        var callees = new List<MethodBase>();

        // call (0x28) and callvirt (0x6F) take a 4-byte method token. The scan also reads some operand bytes as
        // opcodes, and their tokens seldom resolve to a method, let alone to GC.KeepAlive or a P/Invoke.
        for (var offset = 0; offset + 4 < il.Length; offset++)
        {
            if (il[offset] is not (0x28 or 0x6F))
            {
                continue;
            }

            try
            {
                if (method.Module.ResolveMethod(BitConverter.ToInt32(il, offset + 1)) is { } callee)
                {
                    callees.Add(callee);
                }
            }
            catch (ArgumentException)
            {
            }
        }

        return callees;
    }
}
