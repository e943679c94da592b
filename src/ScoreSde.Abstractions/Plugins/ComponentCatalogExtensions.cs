namespace ScoreSde.Plugins;

/// <summary>Typed shortcuts for <see cref="IComponentCatalog.Add"/>.</summary>
public static class ComponentCatalogExtensions
{
    /// <summary>Declares a component of <paramref name="kind"/> with an options class.</summary>
    /// <typeparam name="TImplementation">Class implementing the contract of <paramref name="kind"/>.</typeparam>
    /// <typeparam name="TOptions">Class that the component's configuration section binds to.</typeparam>
    /// <param name="catalog">The catalog.</param>
    /// <param name="kind">Component kind.</param>
    /// <param name="name">Configuration name.</param>
    /// <param name="description">One sentence shown by <c>score-sde plugins</c>.</param>
    /// <returns>The same catalog, for chaining.</returns>
    public static IComponentCatalog Add<TImplementation, TOptions>(
        this IComponentCatalog catalog, ComponentKind kind, string name, string description)
        where TImplementation : class
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.Add(new ComponentDescriptor(kind, name, typeof(TImplementation), typeof(TOptions), description));
        return catalog;
    }

    /// <summary>Declares a component of <paramref name="kind"/> that has no options.</summary>
    /// <typeparam name="TImplementation">Class implementing the contract of <paramref name="kind"/>.</typeparam>
    /// <param name="catalog">The catalog.</param>
    /// <param name="kind">Component kind.</param>
    /// <param name="name">Configuration name.</param>
    /// <param name="description">One sentence shown by <c>score-sde plugins</c>.</param>
    /// <returns>The same catalog, for chaining.</returns>
    public static IComponentCatalog Add<TImplementation>(
        this IComponentCatalog catalog, ComponentKind kind, string name, string description)
        where TImplementation : class
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.Add(new ComponentDescriptor(kind, name, typeof(TImplementation), null, description));
        return catalog;
    }
}
