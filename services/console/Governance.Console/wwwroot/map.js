// The map page's browser code: Leaflet draws what the server read (grid polygons as GeoJSON, incidents, cameras).
// Vector only unless the deployment configured a tile URL (Console:MapTileUrl): no external request by default.
window.governanceMap = {
  maps: {},
  draw(id, data, attempt = 0) {
    const element = document.getElementById(id);
    if (!window.L) return;
    // The element comes with the page's permitted content, which may render a moment after the data: wait for it briefly.
    if (!element) {
      if (attempt < 50) setTimeout(() => this.draw(id, data, attempt + 1), 20);
      return;
    }
    let state = this.maps[id];
    if (!state || state.element !== element) {
      if (state) state.map.remove();
      const map = L.map(element, { attributionControl: !!data.tileUrl, zoomSnap: 0.25 });
      if (data.tileUrl) L.tileLayer(data.tileUrl, { maxZoom: 19 }).addTo(map);
      state = this.maps[id] = { element, map, layer: L.layerGroup().addTo(map) };
    }
    state.layer.clearLayers();
    const grids = L.geoJSON(data.cells, {
      style: { color: '#0b4f8a', weight: 1.5, fillColor: '#0b4f8a', fillOpacity: 0.07 },
      onEachFeature: (feature, layer) => layer.bindTooltip(`${feature.properties.name} ${feature.properties.code}`),
    }).addTo(state.layer);
    for (const c of data.cameras) {
      L.circleMarker([c.latitude, c.longitude], { radius: 5, weight: 1, color: '#1b1f24', fillColor: c.online ? '#2f855a' : '#8a94a0', fillOpacity: 0.9 })
        .bindTooltip(c.label).addTo(state.layer).getElement()?.classList.add('map-camera');
    }
    for (const i of data.incidents) {
      const colour = i.warning === 'red' ? '#b42318' : i.warning === 'yellow' ? '#b7791f' : '#c2410c';
      L.circleMarker([i.latitude, i.longitude], { radius: 8, weight: 2, color: '#fff', fillColor: colour, fillOpacity: 1 })
        .bindTooltip(i.label).addTo(state.layer).getElement()?.classList.add('map-incident');
    }
    const bounds = grids.getBounds();
    if (bounds.isValid()) state.map.fitBounds(bounds, { padding: [12, 12] });
    else state.map.setView([0, 0], 2);
  },
  remove(id) {
    const state = this.maps[id];
    if (state) { state.map.remove(); delete this.maps[id]; }
  },
};
