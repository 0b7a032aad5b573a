import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { API_KEY, connectApi } from './api/client';
import './styles/app.css';

const root = document.getElementById('app')!;
try {
  const api = connectApi();
  createApp(App).provide(API_KEY, api).use(createPinia()).mount(root);
} catch (error) {
  root.textContent = (error as Error).message;
  root.className = 'fatal';
}
