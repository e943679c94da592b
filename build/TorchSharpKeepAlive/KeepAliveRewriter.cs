using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace ScoreSde.Build;

/// <summary>
/// Inserts <c>GC.KeepAlive</c> for every reference-type argument (and <c>this</c>) before each return of every
/// method that makes a P/Invoke call, so that no argument can be finalized while native code uses its handle.
/// </summary>
public static class KeepAliveRewriter
{
    /// <summary>Key of the assembly metadata attribute that marks a rewritten assembly.</summary>
    public const string MarkerKey = "ScoreSde.KeepAliveRewrite";

    /// <summary>Version of the rewrite recorded under <see cref="MarkerKey"/>.</summary>
    public const string MarkerValue = "1";

    /// <summary>Outcome of <see cref="Rewrite"/>.</summary>
    /// <param name="MethodsChanged">Methods that received keep-alive calls.</param>
    /// <param name="AlreadyPatched">Whether the input carried the marker and was copied unchanged.</param>
    public sealed record Result(int MethodsChanged, bool AlreadyPatched);

    /// <summary>Reads <paramref name="inputPath"/>, rewrites it and writes <paramref name="outputPath"/>.</summary>
    public static Result Rewrite(string inputPath, string outputPath)
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(Path.GetDirectoryName(Path.GetFullPath(inputPath))!);
        var readerParameters = new ReaderParameters { AssemblyResolver = resolver, ReadSymbols = false };
        using var module = ModuleDefinition.ReadModule(inputPath, readerParameters);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);

        // Write a new file and rename it over the output: an existing output may be a hard link that a build
        // shares with other folders, and must not be edited in place.
        var temporaryPath = outputPath + ".writing";
        if (HasMarker(module.Assembly))
        {
            File.Copy(inputPath, temporaryPath, overwrite: true);
            File.Move(temporaryPath, outputPath, overwrite: true);
            return new Result(0, AlreadyPatched: true);
        }

        var runtime = module.AssemblyReferences.FirstOrDefault(reference => reference.Name == "System.Runtime")
            ?? throw new InvalidOperationException("the assembly does not reference System.Runtime");
        var keepAlive = new MethodReference("KeepAlive", module.TypeSystem.Void, new TypeReference("System", "GC", module, runtime));
        keepAlive.Parameters.Add(new ParameterDefinition(module.TypeSystem.Object));

        var changed = 0;
        foreach (var type in module.GetTypes())
        {
            foreach (var method in type.Methods)
            {
                if (method.HasBody && CallsNativeCode(method) && AddKeepAlive(method, keepAlive))
                {
                    changed++;
                }
            }
        }

        if (changed == 0)
        {
            throw new InvalidOperationException("no method calls native code; is this TorchSharp.dll?");
        }

        AddMarker(module, runtime);
        module.Write(temporaryPath);
        File.Move(temporaryPath, outputPath, overwrite: true);
        return new Result(changed, AlreadyPatched: false);
    }

    private static bool CallsNativeCode(MethodDefinition method) =>
        method.Body.Instructions.Any(instruction =>
            instruction.OpCode.FlowControl == FlowControl.Call && instruction.Operand is MethodDefinition { IsPInvokeImpl: true });

    private static bool AddKeepAlive(MethodDefinition method, MethodReference keepAlive)
    {
        var body = method.Body;
        // Each entry loads one value to keep alive: an argument (with this) or a local.
        var loads = new List<(OpCode OpCode, object Operand)>();
        if (method.HasThis && !method.DeclaringType.IsValueType)
        {
            loads.Add((OpCodes.Ldarg, body.ThisParameter));
        }

        foreach (var parameter in method.Parameters.Where(parameter => IsObjectReference(parameter.ParameterType)))
        {
            loads.Add((OpCodes.Ldarg, parameter));
        }

        // Scalars and tensors a method creates for its own native call (e.g. add's alpha) live in locals.
        foreach (var local in body.Variables.Where(local => IsTorchObject(local.VariableType)))
        {
            loads.Add((OpCodes.Ldloc, local));
        }

        if (loads.Count == 0)
        {
            return false;
        }

        body.SimplifyMacros();
        var returns = body.Instructions.Where(instruction => instruction.OpCode == OpCodes.Ret).ToList();
        var il = body.GetILProcessor();
        foreach (var ret in returns)
        {
            // A "tail." call must be followed directly by ret; the keep-alive calls go in between, so drop the prefix.
            var index = body.Instructions.IndexOf(ret);
            if (index >= 2 && body.Instructions[index - 2].OpCode == OpCodes.Tail)
            {
                body.Instructions[index - 2].OpCode = OpCodes.Nop;
            }

            // The ret instruction itself becomes the first load, so branches and handler ends that target it still
            // run the keep-alive calls.
            ret.OpCode = loads[0].OpCode;
            ret.Operand = loads[0].Operand;
            var last = ret;
            for (var i = 0; i < loads.Count; i++)
            {
                if (i > 0)
                {
                    var load = Instruction.Create(OpCodes.Nop);
                    (load.OpCode, load.Operand) = loads[i];
                    il.InsertAfter(last, load);
                    last = load;
                }

                var call = Instruction.Create(OpCodes.Call, keepAlive);
                il.InsertAfter(last, call);
                last = call;
            }

            il.InsertAfter(last, Instruction.Create(OpCodes.Ret));
        }

        body.OptimizeMacros();
        return true;
    }

    private static bool IsObjectReference(TypeReference type) =>
        !type.IsValueType && !type.IsByReference && !type.IsPointer && !type.IsGenericParameter && !type.IsFunctionPointer;

    private static bool IsTorchObject(TypeReference type) =>
        type.FullName is "TorchSharp.Scalar" or "TorchSharp.torch/Tensor";

    private static bool HasMarker(AssemblyDefinition assembly) =>
        assembly.CustomAttributes.Any(attribute =>
            attribute.AttributeType.FullName == "System.Reflection.AssemblyMetadataAttribute"
            && attribute.ConstructorArguments.Count == 2
            && (string)attribute.ConstructorArguments[0].Value == MarkerKey);

    private static void AddMarker(ModuleDefinition module, AssemblyNameReference runtime)
    {
        var attributeType = new TypeReference("System.Reflection", "AssemblyMetadataAttribute", module, runtime);
        var constructor = new MethodReference(".ctor", module.TypeSystem.Void, attributeType) { HasThis = true };
        constructor.Parameters.Add(new ParameterDefinition(module.TypeSystem.String));
        constructor.Parameters.Add(new ParameterDefinition(module.TypeSystem.String));
        var marker = new CustomAttribute(constructor);
        marker.ConstructorArguments.Add(new CustomAttributeArgument(module.TypeSystem.String, MarkerKey));
        marker.ConstructorArguments.Add(new CustomAttributeArgument(module.TypeSystem.String, MarkerValue));
        module.Assembly.CustomAttributes.Add(marker);
    }
}
