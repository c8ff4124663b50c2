/** The application shell: header with the product name and the area the views render into. */
export function App() {
  return (
    <div className="app-shell" data-testid="app-shell">
      <header className="app-header"><h1>Throughline</h1></header>
      <main className="app-main" />
    </div>
  );
}
