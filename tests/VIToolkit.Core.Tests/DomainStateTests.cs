using VIToolkit.Core.Model;
using Xunit;

namespace VIToolkit.Core.Tests;

public sealed class DomainStateTests
{
    [Theory]
    //          state                       active running paused  power state           word
    [InlineData(DomainState.NoState,       false, false, false, PowerState.PoweredOff, "NoState")]
    [InlineData(DomainState.Running,       true,  true,  false, PowerState.PoweredOn,  "Running")]
    [InlineData(DomainState.Blocked,       true,  true,  false, PowerState.PoweredOn,  "Blocked")]
    [InlineData(DomainState.Paused,        true,  false, true,  PowerState.Suspended,  "Paused")]
    [InlineData(DomainState.ShuttingDown,  true,  true,  false, PowerState.PoweredOn,  "ShuttingDown")]
    [InlineData(DomainState.ShutOff,       false, false, false, PowerState.PoweredOff, "ShutOff")]
    [InlineData(DomainState.Crashed,       false, false, false, PowerState.PoweredOff, "Crashed")]
    [InlineData(DomainState.PMSuspended,   true,  false, true,  PowerState.Suspended,  "PMSuspended")]
    // A state a newer libvirt might send: active (nothing destructive assumes it is off), PoweredOff and "NoState" as before.
    [InlineData((DomainState)8,            true,  false, false, PowerState.PoweredOff, "NoState")]
    public void Each_state_means_one_thing(DomainState state, bool active, bool running, bool paused, PowerState power, string word)
    {
        Assert.Equal(active, state.IsActive());
        Assert.Equal(running, state.IsRunning());
        Assert.Equal(paused, state.IsPaused());
        Assert.Equal(power, state.ToPowerState(hasManagedSave: false));
        Assert.Equal(word, state.Describe());
    }

    [Fact]
    public void The_values_are_libvirts()
    {
        Assert.Equal(0, (int)DomainState.NoState);
        Assert.Equal(1, (int)DomainState.Running);
        Assert.Equal(2, (int)DomainState.Blocked);
        Assert.Equal(3, (int)DomainState.Paused);
        Assert.Equal(4, (int)DomainState.ShuttingDown);
        Assert.Equal(5, (int)DomainState.ShutOff);
        Assert.Equal(6, (int)DomainState.Crashed);
        Assert.Equal(7, (int)DomainState.PMSuspended);
    }

    [Fact]
    public void A_shut_off_domain_with_a_managed_save_image_is_suspended()
    {
        Assert.Equal(PowerState.Suspended, DomainState.ShutOff.ToPowerState(hasManagedSave: true));
        Assert.Equal(PowerState.PoweredOn, DomainState.Running.ToPowerState(hasManagedSave: true));
    }
}
