# The default views (module/VIToolkit.Format.ps1xml) in a classic 80-column terminal: every table fits, its header
# stays on one line with every column name whole, no column is squeezed to a few characters, and the values that
# name things (a VM, a host, a datastore…) are shown whole. A wider window does not spread the columns apart.
# Issue 10, item 17.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $formatPath = Join-Path (Split-Path (Get-ModuleUnderTestPath)) 'VIToolkit.Format.ps1xml'
    $script:viewNames = @(([xml](Get-Content -Raw -LiteralPath $formatPath)).Configuration.ViewDefinitions.View |
            Where-Object { $_.TableControl } | ForEach-Object { @{ ViewName = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:savedRendering = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = 'PlainText'

    # The narrowest width every view must fit, and the least a column without a fixed width must be left with there.
    $script:Narrow = 80
    $script:MinimumFreeColumn = 20
    # Enumeration columns that show fewer values than their type has: a connection's state is its link only.
    $script:ShownValues = @{ 'VIServer.ConnectionState' = 'Connected', 'NotResponding', 'Disconnected' }

    # Each table view of the format file: its type, whether its rows wrap, and its columns (label, width, alignment,
    # and the property or script block it shows).
    function script:Get-TableView {
        $formatPath = Join-Path (Split-Path (Get-ModuleUnderTestPath)) 'VIToolkit.Format.ps1xml'
        foreach ($view in ([xml](Get-Content -Raw -LiteralPath $formatPath)).Configuration.ViewDefinitions.View) {
            if (-not $view.TableControl) { continue }
            $headers = @($view.TableControl.TableHeaders.TableColumnHeader)
            $entry = @($view.TableControl.TableRowEntries.TableRowEntry)[0]
            $items = @($entry.TableColumnItems.TableColumnItem)
            $columns = for ($i = 0; $i -lt $headers.Count; $i++) {
                $property = $items[$i].PropertyName
                $label = if ($headers[$i].Label) { $headers[$i].Label } else { $property }
                [pscustomobject]@{
                    Label     = $label
                    Width     = if ($headers[$i].Width) { [int]$headers[$i].Width } else { $null }
                    Alignment = if ($headers[$i].Alignment) { $headers[$i].Alignment } else { 'Left' }
                    Property  = $property
                    Script    = if ($items[$i].ScriptBlock) { [scriptblock]::Create($items[$i].ScriptBlock) } else { $null }
                }
            }
            [pscustomobject]@{
                Name     = $view.Name
                TypeName = $view.ViewSelectedBy.TypeName
                Wrap     = $null -ne $entry.SelectSingleNode('Wrap')
                Columns  = @($columns)
            }
        }
    }

    # The lines of $Objects rendered at $Width, the default way (Out-String) or through Format-Table.
    function script:Get-Rendering($Objects, [int] $Width, [switch] $FormatTable) {
        $text = if ($FormatTable) { $Objects | Format-Table | Out-String -Width $Width } else { $Objects | Out-String -Width $Width }
        @($text -split '\r?\n')
    }

    # The header line: the line just above the dashes that underline the column names.
    function script:Get-HeaderLine([string[]] $Lines) {
        for ($i = 1; $i -lt $Lines.Count; $i++) {
            if ($Lines[$i] -match '^\s*-+(\s+-+)*\s*$') { return $Lines[$i - 1] }
        }
        throw "No table header in:`n$($Lines -join "`n")"
    }

    Reset-DefaultVIServer
    Enter-PrivateInventory
    $null = Use-PrivateInventory 'views'
    $script:lab = New-TestLab -HostCount 4 -VMsPerHost 10
    # A shared default test host, as Connect-VIServer shows it, and the same after Disconnect-VIServer.
    $script:defaultServer = Connect-VIServer test:///default -NotDefault
    $servers = @($lab.Servers) + $defaultServer
    # Names as long as real estates have them (20 characters: the width of every column of VM names but Get-VM's 24).
    $null = New-VM -Name 'app-billing-frontend' -VMHost esx01 -MemoryMB 2048 -NumCpu 2
    $snapshot = New-Snapshot -VM web01 -Name before-patch -Description 'Taken before the December patch window, with the new kernel staged but not yet booted.'
    $null = New-Snapshot -VM app-billing-frontend -Name pre-upgrade-v2
    $cluster = New-Cluster -Name Prod-Frontend -VMHost esx01, esx02, esx03 -HAEnabled -DrsEnabled -DrsAutomationLevel PartiallyAutomated
    $moved = Move-VM build01 -Destination esx02 -MigrationType Offline -Confirm:$false
    $report = @(Test-VMMigration -VM web01 -Destination esx04) + @(Test-VMMigration -VM db01 -Destination esx03)
    $tasks = @(Get-VM -Server esx04 | Where-Object PowerState -ne PoweredOn | Start-VM -RunAsync)
    $null = $tasks | Wait-Task -TimeoutSeconds 30

    # Objects of every type a cmdlet writes, as the cmdlets write them.
    $script:Samples = @{
        'VIServer'            = $servers
        'VMHost'              = @(Get-VMHost)
        'VirtualMachine'      = @(Get-VM) + $moved
        'Datastore'           = @(Get-Datastore)
        'VirtualNetwork'      = @(Get-VirtualNetwork)
        'Snapshot'            = @(Get-Snapshot -VM web01, app-billing-frontend)
        'VMConsole'           = @(Get-VMConsole -VM web01, app-billing-frontend)
        'Cluster'             = @($cluster) + @(Get-Cluster)
        'CompatibilityResult' = @(Test-ClusterCompatibility -Cluster Prod-Frontend)
        'CompatibilityCheck'  = @(Test-ClusterCompatibility -List)
        'VMMigrationReport'   = $report
        'MigrationIssue'      = @($report.Issues)
        'VITask'              = @(Get-Task)
        'MigrationInfo'       = @($moved.Migration)
        'VIEvent'             = @(Get-VIEvent)
        'VIToolkitConfiguration' = @(Get-VIToolkitConfiguration)
    }
    $script:Views = @{}
    foreach ($tableView in Get-TableView) { $Views[$tableView.Name] = $tableView }
}

AfterAll {
    if ($script:defaultServer) { $null = Disconnect-VIServer $defaultServer -Confirm:$false -ErrorAction SilentlyContinue }
    Remove-TestLab $script:lab
    Reset-DefaultVIServer
    Exit-PrivateInventory
    $PSStyle.OutputRendering = $script:savedRendering
}

Describe 'The default views' -Tag 'Unit' {
    It 'has a sample for every table view, with objects to show' {
        @($Samples.Keys | Sort-Object) | Should -Be @($Views.Keys | Sort-Object)
        foreach ($name in $Samples.Keys) { @($Samples[$name]).Count | Should -BeGreaterThan 0 -Because "the $name sample needs objects" }
    }

    It 'has a table view for every VIToolkit type a cmdlet declares as output' {
        # PowerShell formats its own types (Export-VIInventory writes a FileInfo).
        $viewed = @($Views.Values.TypeName)
        $declared = (Get-Module VIToolkit).ExportedCmdlets.Values | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.FullName -like 'VIToolkit.*' } | ForEach-Object FullName | Sort-Object -Unique
        $declared | Should -Not -BeNullOrEmpty
        $declared | Where-Object { $_ -notin $viewed } | Should -BeNullOrEmpty
    }
}

Describe 'The <ViewName> view' -ForEach $viewNames -Tag 'Unit' {
    BeforeAll {
        $view = $Views[$ViewName]
        $objects = @($Samples[$ViewName])
    }

    Context 'its columns' {
        It 'fits 80 columns with its fixed widths and leaves a column without a width at least 20 characters' {
            $fixed = @($view.Columns | Where-Object Width)
            $free = @($view.Columns | Where-Object { -not $_.Width })
            $free.Count | Should -BeLessOrEqual 1 -Because 'columns without a width share what is left and each gets too little'
            $used = ($fixed | Measure-Object Width -Sum).Sum + ($view.Columns.Count - 1) + $free.Count * $MinimumFreeColumn
            $used | Should -BeLessOrEqual $Narrow -Because "the widths of $ViewName add up to $used"
        }

        It 'gives no width to any column but the last, left-aligned one that wraps (so a wide window adds no gap)' {
            $free = @($view.Columns | Where-Object { -not $_.Width })
            if ($free.Count -eq 0) { return }
            $free[0] | Should -Be $view.Columns[-1]
            $free[0].Alignment | Should -Be 'Left' -Because 'a right-aligned last column drifts to the right edge of a wide window'
            $view.Wrap | Should -BeTrue -Because "the free text of $($free[0].Label) is shown whole, on more lines, not cut"
        }

        It 'makes every column at least as wide as its name' {
            foreach ($column in $view.Columns | Where-Object Width) {
                $column.Width | Should -BeGreaterOrEqual $column.Label.Length -Because "'$($column.Label)' would wrap"
            }
        }

        It 'makes every column of an enumeration wide enough for its longest value' {
            $type = $objects[0].GetType()
            $type.FullName | Should -Be $view.TypeName
            foreach ($column in $view.Columns | Where-Object { $_.Width -and $_.Property }) {
                $propertyType = $type.GetProperty($column.Property).PropertyType
                $propertyType = [Nullable]::GetUnderlyingType($propertyType) ?? $propertyType
                if (-not $propertyType.IsEnum) { continue }
                $names = $ShownValues["$ViewName.$($column.Property)"] ?? [enum]::GetNames($propertyType)
                $longest = ($names | Measure-Object Length -Maximum).Maximum
                $column.Width | Should -BeGreaterOrEqual $longest -Because "$($column.Label) shows $($propertyType.Name) values of up to $longest characters"
            }
        }
    }

    Context 'rendered at 80 columns, <_>' -ForEach 'by default', 'through Format-Table' {
        BeforeAll {
            $lines = Get-Rendering $objects -Width $Narrow -FormatTable:($_ -eq 'through Format-Table')
            $text = $lines -join "`n"
        }

        It 'writes no line longer than 80' {
            $long = @($lines | Where-Object { $_.Length -gt $Narrow })
            $long | Should -BeNullOrEmpty -Because "$($long.Count) lines are longer:`n$text"
        }

        It 'keeps the header on one line, every column name whole' {
            $header = Get-HeaderLine $lines
            foreach ($label in $view.Columns.Label) {
                $header | Should -Match "(^|\s)$([regex]::Escape($label))(\s|$)" -Because "'$label' belongs on the header line:`n$text"
            }
        }

        It 'cuts no value short' {
            $text | Should -Not -Match '…' -Because "nothing should end in an ellipsis:`n$text"
        }

        It 'shows the value of every column whole (a wrapping row may continue only its last column)' {
            $free = $view.Columns | Where-Object { -not $_.Width }
            $joined = $text -replace '\s', ''
            foreach ($object in $objects) {
                foreach ($column in $view.Columns) {
                    $shown = if ($column.Script) { $object | ForEach-Object $column.Script } else { $object.($column.Property) }
                    $value = "$shown"
                    if ($value -eq '') { continue }
                    if ($column -eq $free) {
                        # The last column wraps: its value may go on over the next lines, nothing but blanks between.
                        $joined | Should -BeLike "*$([WildcardPattern]::Escape(($value -replace '\s', '')))*" -Because "$($column.Label) '$value' should be whole:`n$text"
                    } else {
                        $text | Should -Match "(?m)(^|\s)$([regex]::Escape($value))(\s|$)" -Because "$($column.Label) '$value' should be whole on one line:`n$text"
                    }
                }
            }
        }
    }

    Context 'rendered at 120 columns' {
        It 'places the column names where it places them at 80 (the columns do not drift apart)' {
            $narrow = (Get-HeaderLine (Get-Rendering $objects -Width $Narrow)).TrimEnd()
            $wide = (Get-HeaderLine (Get-Rendering $objects -Width 120)).TrimEnd()
            $wide | Should -Be $narrow
        }
    }
}

Describe 'Get-Cluster at 120 columns' -Tag 'Unit' {
    It 'leaves no wide gap before its last column: the table is as wide as at 80' {
        $lines = Get-Rendering (Get-Cluster) -Width 120
        $header = (Get-HeaderLine $lines).TrimEnd()
        $header.Length | Should -BeLessOrEqual $Narrow -Because "the last column should not drift to the edge:`n$($lines -join "`n")"
        @($lines | Where-Object { $_.TrimEnd().Length -gt $Narrow }) | Should -BeNullOrEmpty
    }
}
