using Microsoft.Extensions.DependencyInjection;
using ScoreSde.Plugins;

namespace ScoreSde.Hosting.Plugins;

/// <summary>Registers discovered components with dependency injection.</summary>
public static class PluginServiceCollectionExtensions
{
    /// <summary>
    /// Adds the discovery result, an <see cref="IComponentResolver"/>, and one keyed transient service per
    /// component: its kind's contract under the component's lower-case name, created with default options.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="discovery">Plugins loaded before the host is built.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddScoreSdeComponents(this IServiceCollection services, PluginDiscovery discovery)
    {
        services.AddSingleton(discovery);
        services.AddSingleton<ComponentResolver>();
        services.AddSingleton<IComponentResolver>(sp => sp.GetRequiredService<ComponentResolver>());
        foreach (var component in discovery.Catalog.Components)
        {
            var contract = ComponentDescriptor.ContractOf(component.Descriptor.Kind);
            var key = ComponentCatalog.Normalize(component.Descriptor.Name);
            services.AddKeyedTransient(contract, key, (sp, _) =>
                sp.GetRequiredService<ComponentResolver>().CreateWithDefaults(component));
        }

        return services;
    }
}
