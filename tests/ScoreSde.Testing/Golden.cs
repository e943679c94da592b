using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace ScoreSde.Testing;

/// <summary>
/// Reads the golden vectors in tests/golden, computed with the reference PyTorch implementation
/// (score_sde_pytorch at commit cb1f359); tests/golden/README.md describes their layout.
/// </summary>
public static class Golden
{
    private static readonly Lazy<string> s_directory = new(FindDirectory);

    /// <summary>Gets the absolute path of the golden folder.</summary>
    public static string Directory => s_directory.Value;

    /// <summary>Gets the full path of a golden file.</summary>
    /// <param name="fileName">File name, for example "a_sde_primitives.json".</param>
    /// <returns>The path.</returns>
    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    /// <summary>Parses a golden JSON file.</summary>
    /// <param name="fileName">File name.</param>
    /// <returns>The root node.</returns>
    public static JsonNode Load(string fileName)
    {
        using var stream = File.OpenRead(PathOf(fileName));
        return JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { MaxDepth = 256 })
            ?? throw new InvalidDataException($"Golden file {fileName} is empty.");
    }

    /// <summary>Converts a nested JSON list of numbers to a tensor.</summary>
    /// <param name="node">A number or a nested list of numbers.</param>
    /// <param name="dtype">Element type of the result.</param>
    /// <returns>The tensor.</returns>
    public static Tensor ToTensor(JsonNode node, ScalarType dtype = ScalarType.Float64)
    {
        var shape = new List<long>();
        var cursor = node;
        while (cursor is JsonArray array)
        {
            shape.Add(array.Count);
            cursor = array.Count > 0 ? array[0] : null;
        }

        var values = new List<double>();
        Flatten(node, values);
        return tensor(values.ToArray(), dtype: ScalarType.Float64).reshape(shape.ToArray()).to(dtype);
    }

    /// <summary>Reads a number that may be written as a string ("inf", "nan").</summary>
    /// <param name="node">The node.</param>
    /// <returns>The value.</returns>
    public static double ToDouble(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Number => node.GetValue<double>(),
        JsonValueKind.String => double.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidDataException($"Expected a number, found {node.ToJsonString()}."),
    };

    private static void Flatten(JsonNode node, List<double> values)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                Flatten(item!, values);
            }
        }
        else
        {
            values.Add(ToDouble(node));
        }
    }

    private static string FindDirectory()
    {
        var configured = typeof(Golden).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "GoldenDirectory")?.Value;
        if (configured is not null && System.IO.Directory.Exists(configured))
        {
            return configured;
        }

        throw new DirectoryNotFoundException($"Golden folder '{configured}' not found; it is tests/golden.");
    }
}
