using System.ComponentModel.DataAnnotations;

namespace ScoreSde.Plugins.Sdes;

/// <summary>Runs the data annotations of an options object, for components created without the host.</summary>
internal static class OptionsValidation
{
    /// <summary>Throws when <paramref name="options"/> fails its data annotations or its cross-field rules.</summary>
    /// <param name="options">The options.</param>
    /// <param name="component">Configuration name of the component, for the message.</param>
    /// <exception cref="ComponentConfigurationException">A value is invalid.</exception>
    public static void ThrowIfInvalid(object options, string component)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var messages = string.Join(" ", results.Select(r => r.ErrorMessage));
            throw new ComponentConfigurationException($"Invalid options for SDE '{component}': {messages}");
        }
    }
}
