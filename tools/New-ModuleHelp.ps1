<#
.SYNOPSIS
    Generates the module's MAML help (en-US/VIToolkit.dll-Help.xml) from module/help/<Command>.psd1 and the compiled
    parameter metadata, and fails when any exported command lacks a synopsis, a description, an example or the
    description of any of its parameters.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $HelpSource,
    [Parameter(Mandatory)][string] $OutFile
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$module = Import-Module $ModulePath -PassThru -Force
$maml = [System.Xml.Linq.XNamespace]'http://schemas.microsoft.com/maml/2004/10'
$command = [System.Xml.Linq.XNamespace]'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = [System.Xml.Linq.XNamespace]'http://schemas.microsoft.com/maml/dev/2004/10'
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function New-El($name, [object[]] $content) { [System.Xml.Linq.XElement]::new($name, $content) }
function New-Para([string] $text) {
    foreach ($para in ($text.Trim() -split "\r?\n\s*\r?\n")) { New-El ($maml + 'para') (($para -replace '\s*\r?\n\s*', ' ').Trim()) }
}
function Get-TypeName([type] $type) {
    if ($type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    $inner = [Nullable]::GetUnderlyingType($type)
    if ($inner) { return $inner.Name }
    return $type.Name
}

$problems = [System.Collections.Generic.List[string]]::new()
$root = New-El ([System.Xml.Linq.XNamespace]'http://msh' + 'helpItems') @([System.Xml.Linq.XAttribute]::new('schema', 'maml'))
foreach ($cmd in $module.ExportedCmdlets.Values | Sort-Object Name) {
    $file = Join-Path $HelpSource "$($cmd.Name).psd1"
    if (-not (Test-Path $file)) { $problems.Add("$($cmd.Name): no help file $file"); continue }
    $help = Import-PowerShellDataFile $file
    foreach ($key in 'Synopsis', 'Description') { if (-not $help[$key]) { $problems.Add("$($cmd.Name): no $key") } }
    if (-not $help['Examples'] -or @($help['Examples']).Count -eq 0) { $problems.Add("$($cmd.Name): no example") }
    $paramHelp = if ($help['Parameters']) { $help['Parameters'] } else { @{} }
    $own = @($cmd.Parameters.Values | Where-Object { $_.Name -notin $common })
    foreach ($p in $own) { if (-not $paramHelp[$p.Name]) { $problems.Add("$($cmd.Name): parameter -$($p.Name) is not described") } }
    foreach ($name in $paramHelp.Keys) { if ($name -notin $own.Name) { $problems.Add("$($cmd.Name): help describes unknown parameter -$name") } }

    function New-ParamEl($p, $setMeta) {
        $pipeline = @()
        if ($setMeta.ValueFromPipeline) { $pipeline += 'ByValue' }
        if ($setMeta.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
        $pipelineText = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
        $position = if ($setMeta.Position -ge 0) { "$($setMeta.Position)" } else { 'named' }
        $globbing = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        $typeName = Get-TypeName $p.ParameterType
        $el = New-El ($command + 'parameter') @(
            [System.Xml.Linq.XAttribute]::new('required', "$($setMeta.IsMandatory)".ToLowerInvariant()),
            [System.Xml.Linq.XAttribute]::new('position', $position),
            [System.Xml.Linq.XAttribute]::new('pipelineInput', $pipelineText),
            [System.Xml.Linq.XAttribute]::new('globbing', "$globbing".ToLowerInvariant()),
            [System.Xml.Linq.XAttribute]::new('variableLength', 'true'),
            [System.Xml.Linq.XAttribute]::new('aliases', $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' })),
            (New-El ($maml + 'name') $p.Name),
            (New-El ($maml + 'description') @(New-Para "$($paramHelp[$p.Name])")))
        if ($typeName -ne 'SwitchParameter') {
            $el.Add((New-El ($command + 'parameterValue') @([System.Xml.Linq.XAttribute]::new('required', 'true'), $typeName)))
        }
        $el.Add((New-El ($dev + 'type') @(New-El ($maml + 'name') $typeName)))
        $el.Add((New-El ($dev + 'defaultValue') 'None'))
        return $el
    }

    $syntax = New-El ($command + 'syntax') @()
    foreach ($set in $cmd.ParameterSets) {
        $item = New-El ($command + 'syntaxItem') @(New-El ($maml + 'name') $cmd.Name)
        foreach ($sp in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            $p = $cmd.Parameters[$sp.Name]
            $item.Add((New-ParamEl $p $sp))
        }
        $syntax.Add($item)
    }
    $parameters = New-El ($command + 'parameters') @()
    foreach ($p in $own | Sort-Object Name) {
        $meta = $p.ParameterSets.Values | Sort-Object { -[int]$_.ValueFromPipeline } | Select-Object -First 1
        $parameters.Add((New-ParamEl $p $meta))
    }

    $examples = New-El ($command + 'examples') @()
    $i = 0
    foreach ($ex in @($help['Examples'])) {
        $i++
        $examples.Add((New-El ($command + 'example') @(
            (New-El ($maml + 'title') "-------------------------- Example $i`: $($ex['Title']) --------------------------"),
            (New-El ($dev + 'code') $ex['Code'].Trim()),
            (New-El ($dev + 'remarks') @(New-Para "$($ex['Remarks'])")))))
    }
    $inputs = New-El ($command + 'inputTypes') @()
    foreach ($in in @($help['Inputs'])) {
        if ($in) { $inputs.Add((New-El ($command + 'inputType') @((New-El ($dev + 'type') @(New-El ($maml + 'name') $in['Type'])), (New-El ($maml + 'description') @(New-Para $in['Description']))))) }
    }
    $outputs = New-El ($command + 'returnValues') @()
    foreach ($out in @($help['Outputs'])) {
        if ($out) { $outputs.Add((New-El ($command + 'returnValue') @((New-El ($dev + 'type') @(New-El ($maml + 'name') $out['Type'])), (New-El ($maml + 'description') @(New-Para $out['Description']))))) }
    }
    $links = New-El ($command + 'relatedLinks') @()
    foreach ($link in @($help['Links'])) {
        if ($link) { $links.Add((New-El ($maml + 'navigationLink') @((New-El ($maml + 'linkText') $link), (New-El ($maml + 'uri') '')))) }
    }
    $verb, $noun = $cmd.Name -split '-', 2
    $root.Add((New-El ($command + 'command') @(
        [System.Xml.Linq.XAttribute]::new([System.Xml.Linq.XNamespace]::Xmlns + 'maml', $maml.NamespaceName),
        [System.Xml.Linq.XAttribute]::new([System.Xml.Linq.XNamespace]::Xmlns + 'command', $command.NamespaceName),
        [System.Xml.Linq.XAttribute]::new([System.Xml.Linq.XNamespace]::Xmlns + 'dev', $dev.NamespaceName),
        (New-El ($command + 'details') @(
            (New-El ($command + 'name') $cmd.Name),
            (New-El ($command + 'verb') $verb),
            (New-El ($command + 'noun') $noun),
            (New-El ($maml + 'description') @(New-Para "$($help['Synopsis'])")))),
        (New-El ($maml + 'description') @(New-Para "$($help['Description'])")),
        $syntax, $parameters, $inputs, $outputs,
        (New-El ($maml + 'alertSet') @(New-El ($maml + 'alert') @(New-Para "$(if ($help['Notes']) { $help['Notes'] } else { ' ' })"))),
        $examples, $links)))
}

if ($problems.Count -gt 0) {
    throw "Help is incomplete:`n  $($problems -join "`n  ")"
}
$doc = [System.Xml.Linq.XDocument]::new([System.Xml.Linq.XDeclaration]::new('1.0', 'utf-8', $null), $root)
$doc.Save($OutFile)
Write-Verbose "Help for $(@($module.ExportedCmdlets.Keys).Count) commands written to $OutFile"
