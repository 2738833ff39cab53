namespace Adrn.Synthetic.Reference;

/// <summary>One postcode area: its letters, post town, ITL1 region, relative weight and district codes.</summary>
internal sealed record PostcodeArea(string Code, string Town, string Itl1, double Weight, string[] Districts);
