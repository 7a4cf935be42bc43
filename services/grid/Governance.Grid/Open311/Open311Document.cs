using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Governance.Grid.Open311;

/// <summary>One named value of an Open311 object: a string, bool, number, <see cref="DateTime"/> (UTC), <see cref="O311Object"/>, <see cref="O311List"/> or null.</summary>
internal sealed record O311Field(string Name, object? Value);

internal sealed record O311Object(IReadOnlyList<O311Field> Fields);

/// <summary>A list: a JSON array, or in XML a wrapper element holding one <paramref name="Item"/> element per value.</summary>
internal sealed record O311List(string Item, IReadOnlyList<object?> Items);

/// <summary>
/// An answer written once and rendered in either format of the spec: JSON as plain arrays and
/// objects, XML with the spec's element names (<c>&lt;services&gt;&lt;service&gt;</c>,
/// <c>&lt;service_requests&gt;&lt;request&gt;</c>, <c>&lt;errors&gt;&lt;error&gt;</c>) under a UTF-8 declaration.
/// </summary>
internal sealed record O311Document(string Root, object Body)
{
    public string Render(string format) => format == "xml" ? Xml() : Json();

    /// <summary>Times carry their zone, as the spec asks: UTC written as +00:00.</summary>
    public static string Time(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private string Json()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteJson(json, Body);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case double d: json.WriteNumberValue(d); break;
            case DateTime t: json.WriteStringValue(Time(t)); break;
            case O311List list:
                json.WriteStartArray();
                foreach (var item in list.Items) WriteJson(json, item);
                json.WriteEndArray();
                break;
            case O311Object obj:
                json.WriteStartObject();
                foreach (var field in obj.Fields)
                {
                    json.WritePropertyName(field.Name);
                    WriteJson(json, field.Value);
                }
                json.WriteEndObject();
                break;
            default: throw new InvalidOperationException($"An Open311 answer cannot hold a {value.GetType().Name}.");
        }
    }

    private string Xml()
    {
        var text = new Utf8StringWriter();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
        {
            xml.WriteStartDocument();
            WriteXml(xml, Root, Body);
            xml.WriteEndDocument();
        }
        return text.ToString();
    }

    private static void WriteXml(XmlWriter xml, string name, object? value)
    {
        xml.WriteStartElement(name);
        switch (value)
        {
            case null: break;
            case string s: xml.WriteString(s); break;
            case bool b: xml.WriteString(b ? "true" : "false"); break;
            case int i: xml.WriteString(i.ToString(CultureInfo.InvariantCulture)); break;
            case double d: xml.WriteString(d.ToString("R", CultureInfo.InvariantCulture)); break;
            case DateTime t: xml.WriteString(Time(t)); break;
            case O311List list:
                foreach (var item in list.Items) WriteXml(xml, list.Item, item);
                break;
            case O311Object obj:
                foreach (var field in obj.Fields) WriteXml(xml, field.Name, field.Value);
                break;
            default: throw new InvalidOperationException($"An Open311 answer cannot hold a {value.GetType().Name}.");
        }
        xml.WriteEndElement();
    }

    // StringWriter says UTF-16 in the declaration unless told otherwise; the spec requires UTF-8.
    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter() : base(CultureInfo.InvariantCulture) { }
        public override Encoding Encoding => Encoding.UTF8;
    }
}
