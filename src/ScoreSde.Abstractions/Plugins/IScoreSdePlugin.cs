namespace ScoreSde.Plugins;

/// <summary>
/// Entry point of a plugin assembly. The host creates every public non-abstract class that implements this
/// interface (it needs a public parameterless constructor) and calls <see cref="Register"/> once.
/// </summary>
public interface IScoreSdePlugin
{
    /// <summary>Declares the plugin's components.</summary>
    /// <param name="catalog">Catalog that receives the declarations.</param>
    void Register(IComponentCatalog catalog);
}
