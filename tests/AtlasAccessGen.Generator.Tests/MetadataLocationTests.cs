using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AtlasAccessGen.Generator.Tests;

/// <summary>
/// An error about AtlasApiSpec metadata or the AtlasApiVersion property points at the project file element that
/// holds the value (#15): the build targets pass the file that defined the item and its Include as written, and
/// add that file to AdditionalFiles. Positions below are zero-based, so (6, 4) is what MSBuild prints as (7,5).
/// </summary>
public class MetadataLocationTests
{
    private const string ProjectPath = "/src/Consumer/Consumer.csproj";
    private const string PropsPath = "/src/Directory.Build.props";
    private const string ItemSpec = @"specs\cloud-provider-access.json";

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net8.0</TargetFramework>
            <AtlasApiVersion>2023-13-45</AtlasApiVersion>
          </PropertyGroup>
          <ItemGroup>
            <AtlasApiSpec Include="specs/other.json" Namespace="Contoso.Other" />
            <AtlasApiSpec Include="specs\cloud-provider-access.json" Namespace="Contoso.class" ApiVersion="2023-02-30" />
          </ItemGroup>
        </Project>
        """;

    private static SpecFile Spec(string? ns = "Contoso.Atlas", string? apiVersion = null, string definingProject = ProjectPath, string itemSpec = ItemSpec) =>
        SpecFile.Fragment() with { Namespace = ns, ApiVersion = apiVersion, DefiningProject = definingProject, ItemSpec = itemSpec };

    private static Diagnostic Atlas005(SpecFile spec, string metadata, IReadOnlyDictionary<string, string>? global = null, params ProjectFile[] projects)
    {
        var outcome = GeneratorHarness.Run([spec], GeneratorHarness.ParseOptions(), global ?? new Dictionary<string, string> { ["MSBuildProjectFullPath"] = ProjectPath }, projectFiles: projects);
        Assert.Empty(outcome.Sources);
        return Assert.Single(outcome.GeneratorDiagnostics, d => d.Id == "ATLAS005" && d.GetMessage().Contains("the " + metadata + " '", StringComparison.Ordinal));
    }

    private static void AssertAt(Diagnostic diagnostic, string path, int line, int column)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal((path, line, column), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    [Fact]
    public void Bad_namespace_metadata_points_at_the_item_in_the_project_file()
    {
        var error = Atlas005(Spec(ns: "Contoso.class"), "Namespace", null, new ProjectFile(ProjectPath, Project));
        AssertAt(error, ProjectPath, 7, 4);
    }

    [Fact]
    public void Bad_api_version_metadata_points_at_the_item_in_the_project_file()
    {
        var error = Atlas005(Spec(apiVersion: "2023-02-30"), "ApiVersion", null, new ProjectFile(ProjectPath, Project));
        AssertAt(error, ProjectPath, 7, 4);
        Assert.Contains("cloud-provider-access.json: the ApiVersion '2023-02-30' is not valid", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_project_wide_api_version_points_at_the_property()
    {
        var global = new Dictionary<string, string> { ["MSBuildProjectFullPath"] = ProjectPath, ["AtlasApiVersion"] = "2023-13-45" };
        var error = Atlas005(Spec(), "ApiVersion", global, new ProjectFile(ProjectPath, Project));
        AssertAt(error, ProjectPath, 3, 4);
    }

    [Fact]
    public void Project_wide_api_version_set_elsewhere_points_at_line_1_of_the_project()
    {
        // Set in a Directory.Build.props, say: MSBuild does not tell where a property came from, so the project's line 1.
        var global = new Dictionary<string, string> { ["MSBuildProjectFullPath"] = ProjectPath, ["AtlasApiVersion"] = "latest" };
        var error = Atlas005(Spec(), "ApiVersion", global, new ProjectFile(ProjectPath, Project.Replace("<AtlasApiVersion>2023-13-45</AtlasApiVersion>", "", StringComparison.Ordinal)));
        AssertAt(error, ProjectPath, 0, 0);
    }

    [Fact]
    public void Item_defined_in_an_imported_props_points_into_that_file()
    {
        const string props = """
            <Project>
              <ItemGroup>
                <AtlasApiSpec Include="$(MSBuildThisFileDirectory)specs/a.json" />
                  <AtlasApiSpec Include="specs/other.json;specs\cloud-provider-access.json"
                                ApiVersion="tomorrow" />
              </ItemGroup>
            </Project>
            """;
        var error = Atlas005(Spec(apiVersion: "tomorrow", definingProject: PropsPath), "ApiVersion", null, new ProjectFile(ProjectPath, Project), new ProjectFile(PropsPath, props));
        AssertAt(error, PropsPath, 3, 6);
    }

    [Fact]
    public void Metadata_set_by_a_later_update_points_at_the_update()
    {
        string project = Project.Replace("</ItemGroup>", """
              <AtlasApiSpec Update="specs/cloud-provider-access.json">
                <ApiVersion>2024</ApiVersion>
              </AtlasApiSpec>
            </ItemGroup>
            """, StringComparison.Ordinal);
        var error = Atlas005(Spec(apiVersion: "2024"), "ApiVersion", null, new ProjectFile(ProjectPath, project));
        AssertAt(error, ProjectPath, 8, 4);
    }

    [Fact]
    public void Metadata_from_an_item_definition_group_points_at_the_include()
    {
        string project = Project.Replace("<ItemGroup>", """
            <ItemDefinitionGroup>
                <AtlasApiSpec>
                  <ApiVersion>soon</ApiVersion>
                </AtlasApiSpec>
              </ItemDefinitionGroup>
              <ItemGroup>
            """, StringComparison.Ordinal).Replace(" ApiVersion=\"2023-02-30\"", "", StringComparison.Ordinal);
        var error = Atlas005(Spec(apiVersion: "soon"), "ApiVersion", null, new ProjectFile(ProjectPath, project));
        AssertAt(error, ProjectPath, 12, 4);
    }

    [Theory]
    [InlineData(@"specs\*.json")]
    [InlineData(@"/src/Consumer/specs/cloud-provider-access.json")]
    public void Include_not_written_as_the_item_points_at_line_1_of_the_defining_file(string itemSpec)
    {
        // A glob or a property in the Include: the item spec MSBuild hands over is not the text of any Include.
        var error = Atlas005(Spec(ns: "1Atlas", itemSpec: itemSpec), "Namespace", null, new ProjectFile(ProjectPath, Project));
        AssertAt(error, ProjectPath, 0, 0);
    }

    [Fact]
    public void Defining_file_that_is_not_an_additional_file_is_still_named_at_line_1()
    {
        var error = Atlas005(Spec(ns: "Contoso..Atlas"), "Namespace", null);
        AssertAt(error, ProjectPath, 0, 0);
    }

    [Fact]
    public void Unreadable_project_file_points_at_its_line_1()
    {
        var error = Atlas005(Spec(ns: "Contoso..Atlas"), "Namespace", null, new ProjectFile(ProjectPath, "<Project><ItemGroup>"));
        AssertAt(error, ProjectPath, 0, 0);
    }

    [Fact]
    public void Bad_root_namespace_default_points_at_the_root_namespace_property()
    {
        string project = Project.Replace("<TargetFramework>", "<RootNamespace>My-App</RootNamespace><TargetFramework>", StringComparison.Ordinal);
        var global = new Dictionary<string, string> { ["MSBuildProjectFullPath"] = ProjectPath, ["RootNamespace"] = "My-App" };
        var error = Atlas005(Spec(ns: null), "Namespace", global, new ProjectFile(ProjectPath, project));
        AssertAt(error, ProjectPath, 2, 4);
    }

    [Fact]
    public void Preview_pin_the_spec_lacks_points_at_the_property_that_pins_it()
    {
        var global = new Dictionary<string, string> { ["MSBuildProjectFullPath"] = ProjectPath, ["AtlasApiVersion"] = "preview" };
        var outcome = GeneratorHarness.Run([Spec()], GeneratorHarness.ParseOptions(), global, projectFiles: [new ProjectFile(ProjectPath, Project)]);
        AssertAt(Assert.Single(outcome.GeneratorDiagnostics, d => d.Id == "ATLAS013"), ProjectPath, 3, 4);
    }

    [Fact]
    public void Filter_that_matches_nothing_points_at_the_element_that_sets_it()
    {
        string project = Project.Replace("</ItemGroup>", """
              <AtlasApiSpec Update="specs/cloud-provider-access.json" Operations="listClusters" />
            </ItemGroup>
            """, StringComparison.Ordinal);
        var outcome = GeneratorHarness.Run([Spec() with { Tags = "No Such Tag", Operations = "listClusters" }], GeneratorHarness.ParseOptions(), new Dictionary<string, string> { ["MSBuildProjectFullPath"] = ProjectPath }, projectFiles: [new ProjectFile(ProjectPath, project)]);
        var warnings = outcome.GeneratorDiagnostics.Where(d => d.Id == "ATLAS016").ToList();
        AssertAt(Assert.Single(warnings, d => d.GetMessage().Contains("Tags", StringComparison.Ordinal)), ProjectPath, 7, 4);
        AssertAt(Assert.Single(warnings, d => d.GetMessage().Contains("Operations", StringComparison.Ordinal)), ProjectPath, 8, 4);
    }

    [Fact]
    public void Shared_namespace_points_at_each_item_that_claims_it()
    {
        string project = Project.Replace("Contoso.Other", "Contoso.Atlas", StringComparison.Ordinal).Replace("Contoso.class", "Contoso.Atlas", StringComparison.Ordinal);
        var other = new SpecFile("/src/Consumer/specs/other.json", Specs.Fragment, DefiningProject: ProjectPath, ItemSpec: "specs/other.json");
        var outcome = GeneratorHarness.Run([Spec(), other], GeneratorHarness.ParseOptions(), new Dictionary<string, string> { ["MSBuildProjectFullPath"] = ProjectPath }, projectFiles: [new ProjectFile(ProjectPath, project)]);

        var clashes = outcome.GeneratorDiagnostics.Where(d => d.Id == "ATLAS009").OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).ToList();
        Assert.Equal(2, clashes.Count);
        AssertAt(clashes[0], ProjectPath, 6, 4);
        AssertAt(clashes[1], ProjectPath, 7, 4);
        Assert.Empty(outcome.Sources);
    }

    [Fact]
    public void Without_the_project_metadata_the_error_stays_on_the_spec()
    {
        // A build with older targets (or none): nothing tells where the item is written.
        var outcome = GeneratorHarness.Run(SpecFile.Fragment() with { ApiVersion = "2023-02-30" });
        AssertAt(Assert.Single(outcome.GeneratorDiagnostics), "/specs/cloud-provider-access.json", 0, 0);
    }

    [Fact]
    public void Editing_the_project_file_moves_the_error_without_reparsing_and_a_csharp_edit_reruns_nothing()
    {
        var parseOptions = GeneratorHarness.ParseOptions();
        var global = new Dictionary<string, string> { ["MSBuildProjectFullPath"] = ProjectPath };
        GeneratorDriver driver = GeneratorHarness.CreateDriver([Spec(apiVersion: "2023-02-30")], parseOptions, global, [new ProjectFile(ProjectPath, Project)]);
        var compilation = GeneratorHarness.Compilation(parseOptions, "class A { }");
        driver = driver.RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), CSharpSyntaxTree.ParseText("class A { int B; }", parseOptions));
        driver = driver.RunGenerators(edited);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (string step in new[] { TrackingNames.ProjectFiles, TrackingNames.SpecInputs, TrackingNames.ParsedSpecs, TrackingNames.Diagnostics })
        {
            Assert.All(result.TrackedSteps[step].SelectMany(run => run.Outputs), output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + " was " + output.Reason));
        }

        AdditionalText project = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.ProjectFiles].Single().Inputs.Single().Source.Outputs.Single().Value is ValueTuple<AdditionalText, Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider> pair
            ? pair.Item1
            : throw new InvalidOperationException("unexpected step input");
        driver = driver.ReplaceAdditionalText(project, new EditedText(ProjectPath, "<!-- one more line -->\n" + Project)).RunGenerators(edited);
        result = driver.GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Assert.Single(result.TrackedSteps[TrackingNames.ProjectFiles]).Outputs).Reason);
        Assert.All(result.TrackedSteps[TrackingNames.ParsedSpecs].SelectMany(run => run.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        AssertAt(Assert.Single(result.Diagnostics), ProjectPath, 8, 4);
    }
}
