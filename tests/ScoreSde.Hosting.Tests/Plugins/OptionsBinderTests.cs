using Microsoft.Extensions.Configuration;
using ScoreSde.Hosting.Plugins;
using ScoreSde.Plugins;

namespace ScoreSde.Hosting.Tests.Plugins;

public sealed class OptionsBinderTests
{
    [Fact]
    public void Bind_ScalarForArray_NamesKeyAndFix()
    {
        var section = Section(new() { ["Network:Name"] = "ncsnpp", ["Network:ChMult"] = "2" });

        var error = Assert.Throws<ComponentConfigurationException>(
            () => OptionsBinder.Bind(typeof(ListOptions), section, "Network 'ncsnpp'"));

        Assert.Contains("Network:ChMult is a list", error.Message, StringComparison.Ordinal);
        Assert.Contains("the single value '2'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--set Network:ChMult:0=2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_IndexedArray_ReplacesDefault()
    {
        var section = Section(new() { ["Network:ChMult:0"] = "1", ["Network:ChMult:1"] = "2" });

        var options = (ListOptions)OptionsBinder.Bind(typeof(ListOptions), section, "Network 'ncsnpp'");

        Assert.Equal([1, 2], options.ChMult);
    }

    [Fact]
    public void Bind_EmptyJsonArray_BindsEmptyList()
    {
        var json = new MemoryStream("{ \"Network\": { \"ChMult\": [] } }"u8.ToArray());
        var section = new ConfigurationBuilder().AddJsonStream(json).Build().GetSection("Network");

        var options = (ListOptions)OptionsBinder.Bind(typeof(ListOptions), section, "Network 'ncsnpp'");

        Assert.Empty(options.ChMult);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Network");

    public sealed class ListOptions
    {
        public int[] ChMult { get; set; } = [1, 2, 2, 2];
    }
}
