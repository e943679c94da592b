// Rewrites TorchSharp.dll so that the managed objects a method hands to libtorch stay alive until it returns.
//
// TorchSharp passes a Scalar or Tensor to native code as its raw handle (an IntPtr) and never calls
// GC.KeepAlive. Once the handle is read, the optimizing JIT treats the object as dead. If another thread
// triggers a garbage collection while the native call runs, the finalizer thread can free the native object
// the call is reading. Every implicit Scalar is exposed (x * 2.0, and a + b, which passes alpha = 1): libtorch
// then fails with "Expected false to be true" from Scalar::toDouble, or reads freed memory.
//
// Usage: TorchSharpKeepAlive INPUT.dll OUTPUT.dll
using ScoreSde.Build;

if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: TorchSharpKeepAlive INPUT.dll OUTPUT.dll");
    return 2;
}

try
{
    var result = KeepAliveRewriter.Rewrite(args[0], args[1]);
    Console.WriteLine(
        result.AlreadyPatched
            ? $"{args[0]} already keeps its arguments alive; copied to {args[1]}"
            : $"Kept arguments alive in {result.MethodsChanged} methods of {args[0]}; wrote {args[1]}");
    return 0;
}
catch (Exception exception) when (exception is IOException or BadImageFormatException or InvalidOperationException)
{
    Console.Error.WriteLine($"TorchSharpKeepAlive: cannot rewrite {args[0]}: {exception.Message}");
    return 1;
}
