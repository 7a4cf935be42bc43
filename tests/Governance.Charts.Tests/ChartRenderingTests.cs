namespace Governance.Charts.Tests;

/// <summary>The charts render, lint and match the Kubernetes API's schemas; the overlays render over them.</summary>
public sealed class ChartRenderingTests(RenderedManifests rendered)
{
    private static readonly string[] ServiceKinds =
        ["ServiceAccount", "ConfigMap", "Service", "Deployment", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "Job"];

    [Fact]
    public void Every_rendered_object_matches_the_Kubernetes_schema_of_its_kind()
    {
        ChartTools.RequireTools(rendered.Missing);
        Assert.NotEmpty(rendered.Objects);
        var wrong = rendered.Objects.Where(o => o.SchemaErrors.Count > 0)
            .Select(o => $"{o}: {string.Join("; ", o.SchemaErrors)}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void The_schema_check_refuses_a_wrong_type_a_misspelt_field_and_an_unknown_kind()
    {
        ChartTools.RequireTools(rendered.Missing);
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: wrong}
                spec:
                  replicas: two
                  selector: {matchLabels: {app: wrong}}
                  template:
                    metadata: {labels: {app: wrong}}
                    spec:
                      containers:
                        - name: wrong
                          image: wrong:1.0.0
                          securityContext: {readOnlyRootFileSystem: true}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscalr
                metadata: {name: wrong}
                """);
            var json = ChartTools.RunOrFail("node", ChartTools.Validator, ChartTools.NodeModules, file);
            Assert.Contains("/spec/replicas must be integer", json);
            Assert.Contains("/spec/template/spec/containers/0/securityContext/readOnlyRootFileSystem is not a field of SecurityContext", json);
            Assert.Contains("no schema for autoscaling/v2 HorizontalPodAutoscalr", json);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Every_chart_renders_each_object_a_service_needs_with_default_and_production_values()
    {
        ChartTools.RequireTools(rendered.Missing);
        foreach (var service in ChartTools.Services)
        foreach (var values in new[] { "default", "prod values" })
        {
            var source = $"{service} ({values})";
            var kinds = rendered.Objects.Where(o => o.Source == source).Select(o => o.Kind).ToHashSet();
            // A service without a database has nothing to migrate.
            var expected = ChartTools.WithoutDatabase.Contains(service) ? ServiceKinds.Except(["Job"]) : ServiceKinds;
            Assert.All(expected, kind => Assert.True(kinds.Contains(kind), $"{source} renders no {kind}"));
        }
    }

    [Fact]
    public void Every_chart_passes_helm_lint_strict_with_default_and_production_values()
    {
        ChartTools.RequireTools(rendered.Missing);
        foreach (var service in ChartTools.Services)
        {
            var chart = Path.Combine(ChartTools.ChartsDirectory, service);
            ChartTools.RunOrFail(ChartTools.Helm, "lint", "--strict", chart);
            ChartTools.RunOrFail(ChartTools.Helm, "lint", "--strict", chart, "-f", Path.Combine(chart, "ci", "prod-values.yaml"));
        }
        ChartTools.RunOrFail(ChartTools.Helm, "lint", "--strict", Path.Combine(ChartTools.ChartsDirectory, "governance-service"));
    }

    [Theory]
    [InlineData("latest", "is 'latest'")]
    [InlineData("LATEST", "is 'LATEST'")]
    [InlineData("", "is empty")]
    public void Rendering_fails_on_an_image_tag_that_is_not_pinned(string tag, string expected)
    {
        ChartTools.RequireTools(rendered.Missing);
        var (code, _, error) = ChartTools.Run(ChartTools.Helm, "template", "grid", Path.Combine(ChartTools.ChartsDirectory, "grid"),
            "--set-string", $"image.tag={tag}");
        Assert.NotEqual(0, code);
        Assert.Contains("image.tag of grid " + expected, error);
    }

    [Fact]
    public void Dapr_annotations_are_off_by_default_and_name_the_app_and_its_grpc_port_when_on()
    {
        ChartTools.RequireTools(rendered.Missing);
        Assert.DoesNotContain(rendered.Objects.Where(o => o.Source.EndsWith("(default)") && o.Kind == "Deployment"),
            d => d.Object.At("spec", "template", "metadata", "annotations", "dapr.io/enabled") is not null);

        var text = ChartTools.RunOrFail(ChartTools.Helm, "template", "population", Path.Combine(ChartTools.ChartsDirectory, "population"),
            "--set", "dapr.enabled=true", "--show-only", "templates/service.yaml");
        Assert.Contains("dapr.io/enabled: \"true\"", text);
        Assert.Contains("dapr.io/app-id: \"population\"", text);
        Assert.Contains("dapr.io/app-port: \"8081\"", text);
        Assert.Contains("dapr.io/app-protocol: grpc", text);
        // ...and the service's gRPC clients then call through the sidecar (Governance.Grpc's DaprSidecar).
        Assert.Contains("Dapr__Enabled: \"true\"", text);
        Assert.Contains("port: 50002", text); // the sidecars reach each other through the NetworkPolicy
        Assert.Contains("kubernetes.io/metadata.name: dapr-system", text);
        Assert.DoesNotContain(rendered.Objects.Where(o => o.Source.EndsWith("(default)") && o.Kind == "ConfigMap"),
            c => c.Object.Text("data", "Dapr__Enabled") is not null);
    }

    [Fact]
    public void The_telemetry_endpoint_and_resource_attributes_come_from_values()
    {
        ChartTools.RequireTools(rendered.Missing);
        var config = rendered.Objects.Single(o => o.Source == "grid (prod values)" && o.Kind == "ConfigMap").Object;
        Assert.Equal("http://otel-collector.observability:4317", config.Text("data", "OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.Equal("grid", config.Text("data", "OTEL_SERVICE_NAME"));
        Assert.Equal("service.namespace=governance,service.version=1.0.0,deployment.environment=prod,k8s.cluster.name=county-prod",
            config.Text("data", "OTEL_RESOURCE_ATTRIBUTES"));
        var defaults = rendered.Objects.Single(o => o.Source == "grid (default)" && o.Kind == "ConfigMap").Object;
        Assert.Null(defaults.At("data", "OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    [Fact]
    public void Both_kustomize_overlays_render_every_service_in_their_own_namespace()
    {
        ChartTools.RequireTools(rendered.Missing);
        ChartTools.RequireTools(rendered.OverlaysMissing);
        foreach (var (overlay, ns) in new[] { ("dev", "governance-dev"), ("prod", "governance") })
        {
            var objects = rendered.Objects.Where(o => o.Source == $"overlay {overlay}").ToList();
            Assert.Equal(ChartTools.Services.Order(), objects.Where(o => o.Kind == "Deployment").Select(o => o.Name).Order());
            Assert.All(objects, o => Assert.Equal(ns, o.Object.Text("metadata", "namespace")));
        }
        var prodImages = rendered.Objects.Where(o => o.Source == "overlay prod" && o.Kind == "Deployment")
            .Select(o => o.Object.Items("spec", "template", "spec", "containers").Single().Text("image"));
        Assert.All(prodImages, image => Assert.Matches(@"^registry\.county\.gov\.cn/governance/[a-z-]+:1\.0\.0$", image));

        // The prod overlay patches egress rules by position: they must be the database's and the broker's.
        foreach (var policy in rendered.Objects.Where(o => o.Source == "overlay prod" && o.Kind == "NetworkPolicy"))
        {
            var egress = policy.Object.Items("spec", "egress").ToList();
            if (ChartTools.WithoutDatabase.Contains(policy.Name))
            {
                // Nothing to narrow: no database or broker rule, and the patch leaves its rules as the chart made them.
                Assert.DoesNotContain(egress.SelectMany(r => r.Items("ports")), p => p.Text("port") is "5432" or "5672");
                continue;
            }
            if (policy.Name.EndsWith("-migrate"))
            {
                // The migration Job's own policy: DNS, then the database, nothing else.
                Assert.Equal(2, egress.Count);
                Assert.Equal("5432", egress[1].Items("ports").Single().Text("port"));
                Assert.Equal("10.20.0.0/24", egress[1].Items("to").Single().Text("ipBlock", "cidr"));
                continue;
            }
            Assert.Equal("5432", egress[1].Items("ports").Single().Text("port"));
            Assert.Equal("10.20.0.0/24", egress[1].Items("to").Single().Text("ipBlock", "cidr"));
            Assert.Equal("5672", egress[2].Items("ports").Single().Text("port"));
            Assert.Equal("rabbitmq", egress[2].Items("to").Single().Text("podSelector", "matchLabels", "app.kubernetes.io/name"));
        }
    }

    [Fact]
    public void The_base_of_the_overlays_is_the_charts_as_they_render_now()
    {
        ChartTools.RequireTools(rendered.Missing);
        foreach (var service in ChartTools.Services)
        {
            var committed = File.ReadAllText(Path.Combine(ChartTools.RepositoryRoot, "deploy", "k8s", "base", "rendered", service + ".yaml"));
            Assert.True(committed == rendered.Texts[$"{service} (default)"],
                $"deploy/k8s/base/rendered/{service}.yaml is not what charts/{service} renders now: run deploy/k8s/render.sh");
        }
    }
}
