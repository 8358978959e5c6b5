# Loaded before the root module (it is the manifest's only nested module). VIToolkit.Core and the assemblies it uses
# live in the module's own load context (dependencies/, see src/VIToolkit/Loading), which the module initializer sets
# up. PowerShell calls that initializer only after it has read the types of VIToolkit.dll, and reading them already
# needs Core (cmdlet parameters of Core's enum types). So the initializer runs here first; PowerShell's call to it
# afterwards finds the work done. LoadFrom gives the same assembly PowerShell then loads as the root module.
$cmdlets = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'VIToolkit.dll'))
$cmdlets.GetType('VIToolkit.Loading.ModuleInitializer', $true)::new().OnImport()
