using System.Management.Automation;
using VIToolkit.Base;
using VIToolkit.Core.Store;

namespace VIToolkit.Commands.Store;

/// <summary>Where a setting is kept (PowerCLI's -Scope).</summary>
public enum ConfigurationScope
{
    /// <summary>This PowerShell process only.</summary>
    Session,

    /// <summary>The user's configuration file, for every later session.</summary>
    User,
}

/// <summary>VIToolkit's configuration as it is in effect: the store, and where that setting comes from.</summary>
public sealed record VIToolkitConfiguration(string Store, StoreKind StoreKind, StoreSettingSource Source, string ConfigurationFile);

/// <summary>Shows the configuration in effect (PowerCLI: Get-PowerCLIConfiguration); a password is never shown.</summary>
[Cmdlet(VerbsCommon.Get, "VIToolkitConfiguration")]
[OutputType(typeof(VIToolkitConfiguration))]
public sealed class GetVIToolkitConfigurationCommand : VIToolkitCmdlet
{
    protected override void End()
    {
        var (location, source) = StoreConfiguration.Effective();
        WriteObject(new VIToolkitConfiguration(location.Display, location.Kind, source, StoreConfiguration.UserFile));
    }
}

/// <summary>Chooses the store (PowerCLI: Set-PowerCLIConfiguration): a SQLite file, or a PostgreSQL database to share.</summary>
[Cmdlet(VerbsCommon.Set, "VIToolkitConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Store")]
[OutputType(typeof(VIToolkitConfiguration))]
public sealed class SetVIToolkitConfigurationCommand : VIToolkitCmdlet
{
    /// <summary>A SQLite file path, or a PostgreSQL connection string without a password.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Store")]
    [ValidateNotNullOrEmpty]
    public string? Store { get; set; }

    /// <summary>Forget the setting of this scope (the next one down applies).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Reset")]
    public SwitchParameter ResetStore { get; set; }

    [Parameter]
    public ConfigurationScope Scope { get; set; } = ConfigurationScope.User;

    /// <summary>The database user and password, for this session only (-Scope Session): never stored.</summary>
    [Parameter(ParameterSetName = "Store")]
    [Credential]
    public PSCredential? Credential { get; set; }

    protected override void End()
    {
        if (Credential is not null && Scope != ConfigurationScope.Session)
        {
            ThrowVIError(new Core.InvalidInputException("CredentialNotStored",
                "A credential is kept for this session only: add -Scope Session, or put the password in a pgpass file (PGPASSFILE or ~/.pgpass) for -Scope User.", null));
        }
        string? store = ResetStore ? null : Store;
        if (store is not null)
        {
            StoreConfiguration.Validate(store); // before -WhatIf answers
        }
        string shown = store is null ? "the default" : Core.MessageText.Input(StoreLocation.RedactConnectionString(store));
        string where = Scope == ConfigurationScope.User ? StoreConfiguration.UserFile : "this session";
        if (!ShouldProcess(where, $"Set the store to {shown}"))
        {
            return;
        }
        if (Scope == ConfigurationScope.Session)
        {
            StoreConfiguration.SetSession(store, Credential?.GetNetworkCredential());
        }
        else
        {
            StoreConfiguration.SetUser(store);
        }
        var (location, source) = StoreConfiguration.Effective();
        if (store is not null && source == StoreSettingSource.Environment)
        {
            WriteWarning($"$env:{StoreLocation.StoreVariable} is set and takes precedence: the store in effect is still {location.Display}.");
        }
        WriteObject(new VIToolkitConfiguration(location.Display, location.Kind, source, StoreConfiguration.UserFile));
    }
}
