using System.Text;
using System.Xml;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// A MANSCDP body as intake reads it, in one forward-only pass of an <see cref="XmlReader"/> instead of a DOM per
/// MESSAGE: the root's name, the text of each child of the root (the first of each name; names compared
/// case-insensitively, as devices write &lt;deviceid&gt; or &lt;info&gt;), and the children of the first &lt;Info&gt;.
/// The whole document is read, so a body malformed after the fields intake uses is still refused. Text is an element's
/// text and CDATA, its children's included (as <c>XElement.Value</c>), trimmed.
/// </summary>
internal sealed class ManscdpFields
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 1_000_000, IgnoreComments = true,
        IgnoreProcessingInstructions = true, IgnoreWhitespace = true,
    };

    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);

    private ManscdpFields(string name) => Name = name;

    /// <summary>The root element's local name (Notify, Query, Response, …).</summary>
    public string Name { get; }

    /// <summary>The first &lt;Info&gt; child's fields, if there is one.</summary>
    public ManscdpFields? Info { get; private set; }

    /// <summary>The trimmed text of the first child named <paramref name="name"/> (any case); null when there is none.</summary>
    public string? Text(string name) => _fields.GetValueOrDefault(name);

    /// <exception cref="XmlException">The body is not well-formed (or declares a DTD).</exception>
    public static ManscdpFields Read(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), Settings);
        reader.MoveToContent();
        var root = ReadElement(reader, infoToo: true);
        while (reader.Read())
        {
            // The rest of the document must be well-formed too (the reader throws at the first fault).
        }
        return root;
    }

    /// <summary>Reads the element the reader is on and its children's text; leaves the reader past its end.</summary>
    private static ManscdpFields ReadElement(XmlReader reader, bool infoToo)
    {
        var element = new ManscdpFields(reader.LocalName);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return element;
        }
        var depth = reader.Depth;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }
            if (infoToo && element.Info is null && reader.LocalName.Equals("Info", StringComparison.OrdinalIgnoreCase))
            {
                element.Info = ReadElement(reader, infoToo: false);
                continue;
            }
            var name = reader.LocalName;
            element._fields.TryAdd(name, ReadText(reader));
        }
        reader.Read();
        return element;
    }

    /// <summary>The element's text and CDATA, its descendants' included, trimmed; leaves the reader past its end.</summary>
    private static string ReadText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return "";
        }
        var depth = reader.Depth;
        string? single = null;
        StringBuilder? many = null;
        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth) && !reader.EOF)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                if (single is null) single = reader.Value;
                else (many ??= new StringBuilder(single)).Append(reader.Value);
            }
            reader.Read();
        }
        reader.Read();
        return (many?.ToString() ?? single ?? "").Trim();
    }
}
