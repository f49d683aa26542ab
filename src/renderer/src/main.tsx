import { createRoot } from 'react-dom/client';

function App(): JSX.Element {
  return <h1>CryptoTA Workstation</h1>;
}

createRoot(document.getElementById('root')!).render(<App />);
